import Anthropic from '@anthropic-ai/sdk';
import type { AssistantSettings } from './settings';

/** The SDK client every call to Claude goes through, turns and second looks alike. */
export function anthropicClient(apiKey: string, settings: AssistantSettings): Anthropic {
  return new Anthropic({
    apiKey,
    // Never pick up a token from the environment: the person's key is the only credential.
    authToken: null,
    ...(settings.baseURL === undefined ? {} : { baseURL: settings.baseURL }),
    maxRetries: settings.maxRetries,
    // fetch would follow a redirect and carry the x-api-key header to
    // wherever it points; the key goes to the confirmed endpoint only.
    fetchOptions: { redirect: 'error' },
    // The SDK's own logging stays off: request logs are not ours to control.
    logLevel: 'off',
  });
}
