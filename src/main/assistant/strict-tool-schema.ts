import { z } from 'zod';

/**
 * The JSON schema of a tool's input, generated from its zod schema and cut to
 * what the Messages API's strict tool use accepts (types, descriptions, enums,
 * properties, required, items, additionalProperties false, minItems 0 or 1).
 * Bounds strict mode cannot express (numeric ranges, lengths, patterns,
 * maxItems) are dropped here and enforced by the same zod schema when the
 * input comes back.
 */

// A type, not an interface: the SDK's InputSchema has an index signature, which only type aliases satisfy.
export type StrictObjectSchema = {
  type: 'object';
  properties: Record<string, unknown>;
  required: string[];
  additionalProperties: false;
};

const KEPT = new Set(['type', 'description', 'enum', 'properties', 'required', 'items', 'additionalProperties', 'minItems']);

/**
 * Keywords that shape what a value may be. Dropping a bound only loosens what
 * Claude is offered (zod re-checks it); dropping one of these would offer a
 * field as "anything" (a union, a tuple's items) or as something zod then
 * rejects, so the schema is refused instead, when it is written.
 */
const SHAPING = new Set(['anyOf', 'oneOf', 'allOf', 'not', 'prefixItems', '$ref', '$defs', 'definitions', 'patternProperties', 'propertyNames', 'dependentSchemas', 'contains', 'if', 'then', 'else']);

function cut(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (SHAPING.has(key)) throw new Error(`a strict tool schema cannot say ${key}: give the field one plain type (a union or tuple would reach Claude as "anything")`);
    // A literal: strict mode takes it as a one-value enum.
    if (key === 'const') {
      out.enum = [value];
      continue;
    }
    if (!KEPT.has(key)) continue;
    if (key === 'minItems') {
      // Strict mode accepts only 0 or 1; zod re-checks a larger minimum.
      if (value === 0 || value === 1) out[key] = value;
    } else if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, schema]) => [name, cut(schema)]));
    } else if (key === 'items') {
      if (typeof value !== 'object' || value === null) throw new Error('a strict tool schema needs one schema for the items of an array');
      out[key] = cut(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

export function strictToolSchema(schema: z.ZodObject): StrictObjectSchema {
  // io 'input': what the model sends, before zod's trims and defaults.
  const generated = cut(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'throw' })) as Partial<StrictObjectSchema>;
  if (generated.type !== 'object' || generated.additionalProperties !== false) {
    throw new Error('a tool input must be a strict object (z.strictObject)');
  }
  return { type: 'object', properties: generated.properties ?? {}, required: generated.required ?? [], additionalProperties: false };
}
