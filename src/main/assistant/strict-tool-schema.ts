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

function cut(node: unknown): unknown {
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!KEPT.has(key)) continue;
    if (key === 'minItems') {
      // Strict mode accepts only 0 or 1; zod re-checks a larger minimum.
      if (value === 0 || value === 1) out[key] = value;
    } else if (key === 'properties') {
      out[key] = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, schema]) => [name, cut(schema)]));
    } else if (key === 'items') {
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
