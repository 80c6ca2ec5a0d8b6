import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { describeApiError } from '../../../src/main/assistant/errors';

const key = 'sk-ant-secret-key-123456';
const apiError = (status: number, type: string, message: string): InstanceType<typeof Anthropic.APIError> =>
  Anthropic.APIError.generate(status, { type: 'error', error: { type, message } }, undefined, new Headers());

describe('describeApiError', () => {
  it.each([
    [401, 'authentication_error', 'key_refused', 'The API key was refused: open Settings > Claude to check or replace it.'],
    [403, 'permission_error', 'permission', /Settings > Claude/],
    [404, 'not_found_error', 'not_found', /model or the endpoint/],
    [429, 'rate_limit_error', 'rate_limited', /Wait a minute/],
    [500, 'api_error', 'server', /server error/],
    [529, 'overloaded_error', 'overloaded', /overloaded/],
    [402, 'billing_error', 'billing', /billing/],
  ] as const)('maps %i to %s', (status, type, kind, message) => {
    const described = describeApiError(apiError(status, type, 'detail'), key);
    expect(described.kind).toBe(kind);
    expect(described.message).toMatch(message);
  });

  it('shows a prompt over the context window as a full conversation', () => {
    const described = describeApiError(apiError(400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'), key);
    expect(described).toMatchObject({ kind: 'context_full', message: expect.stringMatching(/Start a new conversation/) });
  });

  it('tells a connection problem from a timeout', () => {
    expect(describeApiError(new Anthropic.APIConnectionError({ message: 'down' }), key).kind).toBe('connection');
    expect(describeApiError(new Anthropic.APIConnectionTimeoutError(), key).kind).toBe('timeout');
  });

  it('never repeats the key, even when an endpoint echoes it', () => {
    const described = describeApiError(apiError(400, 'invalid_request_error', `bad header x-api-key: ${key}`), key);
    expect(described.message).not.toContain(key);
    expect(described.message).toContain('[redacted]');
  });
});
