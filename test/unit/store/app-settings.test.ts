import { describe, expect, it } from 'vitest';
import { Settings, SettingsPatch, defaultSettings } from '../../../src/shared/settings';

describe('stored app settings', () => {
  it('settings saved by an older version (no notifications, tray or approvals groups) keep their connection and gain the defaults', () => {
    const older = { connection: { ...defaultSettings.connection, port: 7497, clientId: 42 }, theme: 'dark' };
    const parsed = Settings.parse(older);
    expect(parsed.connection).toMatchObject({ port: 7497, clientId: 42 });
    expect(parsed.approvals).toEqual({ largeOrderPct: 2 });
    expect(parsed.notifications).toEqual(defaultSettings.notifications);
    expect(parsed.tray).toEqual(defaultSettings.tray);
  });

  it('notification switches stored before "needs review" existed keep their choices and gain it switched on', () => {
    const stored = { ...defaultSettings, notifications: { newDraft: false, sessionProblems: true, fills: false, rejections: true } };
    expect(Settings.parse(stored).notifications).toEqual({ newDraft: false, sessionProblems: true, fills: false, rejections: true, needsReview: true });
  });

  it('a patch of one switch changes only that switch', () => {
    expect(SettingsPatch.parse({ notifications: { fills: false } })).toEqual({ notifications: { fills: false } });
  });

  it('refuses a large-order threshold outside 0.1-100% rather than storing it', () => {
    expect(Settings.safeParse({ ...defaultSettings, approvals: { largeOrderPct: 0 } }).success).toBe(false);
    expect(Settings.safeParse({ ...defaultSettings, approvals: { largeOrderPct: 250 } }).success).toBe(false);
  });
});
