import { describe, expect, it } from 'vitest';
import { Settings, defaultSettings } from '../../../src/shared/settings';

describe('stored app settings', () => {
  it('settings saved by an older version (no notifications, tray or approvals groups) keep their connection and gain the defaults', () => {
    const older = { connection: { ...defaultSettings.connection, port: 7497, clientId: 42 }, theme: 'dark' };
    const parsed = Settings.parse(older);
    expect(parsed.connection).toMatchObject({ port: 7497, clientId: 42 });
    expect(parsed.approvals).toEqual({ largeOrderPct: 2 });
    expect(parsed.notifications).toEqual(defaultSettings.notifications);
    expect(parsed.tray).toEqual(defaultSettings.tray);
  });

  it('refuses a large-order threshold outside 0.1-100% rather than storing it', () => {
    expect(Settings.safeParse({ ...defaultSettings, approvals: { largeOrderPct: 0 } }).success).toBe(false);
    expect(Settings.safeParse({ ...defaultSettings, approvals: { largeOrderPct: 250 } }).success).toBe(false);
  });
});
