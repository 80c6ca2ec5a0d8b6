import Anthropic from '@anthropic-ai/sdk';

export type AssistantErrorKind =
  | 'key_missing'
  | 'key_refused'
  | 'permission'
  | 'not_found'
  | 'billing'
  | 'rate_limited'
  | 'overloaded'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'bad_request'
  | 'context_full'
  | 'unknown';

export interface AssistantError {
  kind: AssistantErrorKind;
  /** Plain words with the next step; never contains the API key. */
  message: string;
}

/** Removes the key from any text that might echo it (an endpoint's error body, a proxy's message). */
export function redactKey(text: string, apiKey: string | undefined): string {
  if (apiKey === undefined || apiKey.length < 8) return text;
  return text.split(apiKey).join('[redacted]');
}

function apiMessage(error: InstanceType<typeof Anthropic.APIError>): string {
  const body = error.error as { error?: { message?: unknown } } | undefined;
  const message = body?.error?.message;
  return typeof message === 'string' ? message.slice(0, 300) : `status ${String(error.status)}`;
}

/**
 * Maps what the SDK throws to something the person can act on. Retryable
 * errors (429, 5xx, 529, connection) have already been retried by the SDK
 * (maxRetries) by the time they arrive here.
 */
export function describeApiError(error: unknown, apiKey: string | undefined): AssistantError {
  const make = (kind: AssistantErrorKind, message: string): AssistantError => ({ kind, message: redactKey(message, apiKey) });
  if (error instanceof Anthropic.AuthenticationError) return make('key_refused', 'The API key was refused: open Settings > Claude to check or replace it.');
  if (error instanceof Anthropic.PermissionDeniedError) return make('permission', 'This API key may not use this model or endpoint: check Settings > Claude.');
  if (error instanceof Anthropic.NotFoundError) return make('not_found', 'The model or the endpoint was not found: check the model and the base URL in Settings > Claude.');
  if (error instanceof Anthropic.RateLimitError) return make('rate_limited', "Claude's API is rate limiting this key and it did not clear after retries. Wait a minute, then send again.");
  if (error instanceof Anthropic.APIConnectionTimeoutError) return make('timeout', 'Claude did not answer in time. Send again; if it keeps happening, check the network.');
  if (error instanceof Anthropic.APIConnectionError) return make('connection', "Could not reach Claude's API: check the network connection or the base URL in Settings > Claude.");
  if (error instanceof Anthropic.APIError) {
    const status = error.status ?? 0;
    if (status === 402) return make('billing', 'The Anthropic account has a billing problem: check your plan and credits in the Anthropic console.');
    if (status === 529 || (error.error as { error?: { type?: unknown } } | undefined)?.error?.type === 'overloaded_error') {
      return make('overloaded', "Claude's API is overloaded right now and retries did not get through. Try again in a few minutes.");
    }
    if (status >= 500) return make('server', "Claude's API had a server error and retries did not get through. Try again shortly.");
    if (status === 413) return make('bad_request', 'The conversation is too large to send. Start a new conversation.');
    // The API refuses a prompt over the context window with a 400 rather than a stop reason.
    if (status === 400 && /prompt is too long|context window/i.test(apiMessage(error))) {
      return make('context_full', "This conversation no longer fits in the model's context window. Start a new conversation; drafts already made stay in the queue.");
    }
    if (status === 400) return make('bad_request', `Claude's API refused the request (${apiMessage(error)}). Start a new conversation if this repeats.`);
    return make('unknown', `Claude's API answered with an error (${apiMessage(error)}).`);
  }
  return make('unknown', `Something went wrong talking to Claude (${error instanceof Error ? error.name : 'unknown error'}).`);
}
