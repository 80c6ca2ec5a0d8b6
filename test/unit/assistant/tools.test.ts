import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { strictToolSchema } from '../../../src/main/assistant/strict-tool-schema';
import { buildRequest } from '../../../src/main/assistant/request';
import { systemPrompt } from '../../../src/main/assistant/system-prompt';
import { toolDefinitions, toolInputs } from '../../../src/main/assistant/tools';

// The keywords the API's strict tool use accepts; anything else makes the request fail.
const strictKeywords = new Set(['type', 'description', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'minItems']);

function unsupported(schema: unknown, path: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as Record<string, unknown>;
  const bad = Object.keys(s).filter((k) => !strictKeywords.has(k)).map((k) => `${path}.${k}`);
  if (s['type'] === 'object' && s['additionalProperties'] !== false) bad.push(`${path}: additionalProperties must be false`);
  if (s['minItems'] !== undefined && s['minItems'] !== 0 && s['minItems'] !== 1) bad.push(`${path}.minItems`);
  const props = (s['properties'] ?? {}) as Record<string, unknown>;
  for (const [k, v] of Object.entries(props)) bad.push(...unsupported(v, `${path}.${k}`));
  if (s['items'] !== undefined) bad.push(...unsupported(s['items'], `${path}[]`));
  return bad;
}

describe('tool definitions', () => {
  it('are strict schemas the API accepts', () => {
    for (const tool of toolDefinitions) {
      expect(tool.strict).toBe(true);
      expect(unsupported(tool.input_schema, tool.name)).toEqual([]);
      for (const name of tool.input_schema.required) expect(Object.keys(tool.input_schema.properties)).toContain(name);
    }
  });

  it('each have a zod validator that agrees on the fields', () => {
    expect(Object.keys(toolInputs).sort()).toEqual(toolDefinitions.map((t) => t.name).sort());
    for (const tool of toolDefinitions) {
      const validator = toolInputs[tool.name as keyof typeof toolInputs];
      expect(Object.keys(validator.shape).sort()).toEqual(Object.keys(tool.input_schema.properties).sort());
      // A required field missing is refused by zod too.
      if (tool.input_schema.required.length > 0) expect(validator.safeParse({}).success).toBe(false);
      // A field the schema does not know is refused.
      expect(validator.safeParse({ approve: true }).success).toBe(false);
    }
  });

  it('contain nothing that approves, submits, modifies or cancels', () => {
    for (const tool of toolDefinitions) expect(tool.name).not.toMatch(/approve|submit|cancel|modify|transmit|place|execute|send/i);
  });
});

describe('request prefix', () => {
  it('puts the cache breakpoint on the system block and keeps tools and system identical whatever the history', () => {
    const a = buildRequest('m', 100, [{ role: 'user', content: [{ type: 'text', text: 'one' }] }]);
    const b = buildRequest('m', 100, [
      { role: 'user', content: [{ type: 'text', text: 'one' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'two' }] },
      { role: 'user', content: [{ type: 'text', text: 'three' }] },
    ]);
    expect(JSON.stringify([a.tools, a.system])).toBe(JSON.stringify([b.tools, b.system]));
    expect(a.system).toEqual([{ type: 'text', text: systemPrompt, cache_control: { type: 'ephemeral' } }]);
    // The rolling breakpoint marks only the newest block, and never the stored history.
    const marked = JSON.stringify(b.messages).match(/cache_control/g) ?? [];
    expect(marked).toHaveLength(1);
    expect(b.messages.at(-1)).toEqual({ role: 'user', content: [{ type: 'text', text: 'three', cache_control: { type: 'ephemeral' } }] });
  });

  it('has a system prompt with no date, time or figures that would change between turns', () => {
    expect(systemPrompt).not.toMatch(/\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}|\$\d/);
    expect(systemPrompt).toMatch(/cannot send, approve, modify or cancel orders/);
    expect(systemPrompt).toMatch(/thesis/);
    expect(systemPrompt).toMatch(/risks/);
    expect(systemPrompt).toMatch(/<untrusted-text>/);
  });
});

describe('tool schemas generated from zod', () => {
  it('offer Claude exactly the schemas it was offered when they were written by hand', () => {
    // The reference is the hand-written definitions as they stood; a deliberate change updates the fixture.
    const fixture = JSON.parse(fs.readFileSync(new URL('./fixtures/tool-schemas.json', import.meta.url), 'utf8')) as unknown;
    expect(toolDefinitions).toEqual(fixture);
  });

  it('never offer a field looser than, or different from, what zod accepts: a literal stays one value, a union or tuple is refused', () => {
    const literal = strictToolSchema(z.strictObject({ kind: z.literal('limit') }));
    expect(literal.properties.kind).toEqual({ type: 'string', enum: ['limit'] });
    expect(literal.required).toEqual(['kind']);
    const union = z.strictObject({
      leg: z.discriminatedUnion('kind', [z.strictObject({ kind: z.literal('a') }), z.strictObject({ kind: z.literal('b'), n: z.number() })]),
    });
    expect(() => strictToolSchema(union)).toThrow(/oneOf/);
    expect(() => strictToolSchema(z.strictObject({ pair: z.tuple([z.string(), z.number()]) }))).toThrow(/prefixItems/);
  });

  it('refuse a tool input that is not a strict object', () => {
    expect(() => strictToolSchema(z.object({ a: z.string() }))).toThrow(/strict object/);
  });
});
