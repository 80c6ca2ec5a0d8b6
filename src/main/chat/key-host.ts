import { z } from 'zod';
import type { SettingDefinition } from '../store/settings-repository';
import { anthropicHost } from './endpoint-policy';

/**
 * The host the stored key was entered for; the key is sent nowhere else. A
 * key stored before keys were bound (or a binding that cannot be read)
 * counts as entered for Anthropic's own API, the only endpoint it could have
 * been meant for without a confirmation.
 */
export const keyHostSetting: SettingDefinition<string> = {
  key: 'claude.key-host',
  schema: z.string().min(1).max(300),
  fallback: anthropicHost,
};

/**
 * The last host other than Anthropic's the person confirmed in the endpoint
 * dialog. An endpoint stored before confirmations existed was never
 * confirmed, so entering a key for it asks first.
 */
export const confirmedHostSetting: SettingDefinition<string | null> = {
  key: 'claude.confirmed-host',
  schema: z.string().min(1).max(300).nullable(),
  fallback: null,
};
