import { z } from 'zod';

/**
 * Settings the renderer may read and change. The Anthropic API key is
 * deliberately absent: it lives encrypted in main and only its presence is
 * ever reported (see ClaudeKeyStatus).
 */
export const ConnectionSettings = z.object({
  /** 'demo' runs the embedded simulated gateway; 'auto' probes the usual local ports first. */
  target: z.enum(['demo', 'auto', 'manual']),
  host: z.string().min(1).max(255),
  port: z.number().int().min(1).max(65535),
  clientId: z.number().int().min(0).max(2_147_483_647),
  liveTradingEnabled: z.boolean(),
});
export type ConnectionSettings = z.infer<typeof ConnectionSettings>;

export const Settings = z.object({
  connection: ConnectionSettings,
  theme: z.enum(['system', 'light', 'dark']),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({
    connection: ConnectionSettings.partial().strict().optional(),
    theme: Settings.shape.theme.optional(),
  })
  .strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const defaultSettings: Settings = {
  connection: { target: 'demo', host: '127.0.0.1', port: 4002, clientId: 17, liveTradingEnabled: false },
  theme: 'system',
};
