import { describe, expect, it } from 'vitest';
import { defaultSettings, Settings, SettingsPatch } from '../../../src/shared/settings';

describe('notification and tray settings', () => {
  it('default to every notification on, no do-not-disturb, and quitting when the window closes', () => {
    expect(defaultSettings.notifications).toEqual({ newDraft: true, sessionProblems: true, fills: true, rejections: true, needsReview: true });
    expect(defaultSettings.tray).toEqual({ keepRunningInTray: false });
    expect(Settings.parse(defaultSettings)).toEqual(defaultSettings);
  });

  it('fill in for settings saved by a version that had none, keeping the connection the person set', () => {
    const saved = { connection: { ...defaultSettings.connection, target: 'manual', port: 7497 }, theme: 'dark' };
    const parsed = Settings.parse(saved);
    expect(parsed.connection.port).toBe(7497);
    expect(parsed.notifications).toEqual(defaultSettings.notifications);
    expect(parsed.tray).toEqual(defaultSettings.tray);
  });

  it('accept a change of one kind or a focus period, and refuse anything else', () => {
    expect(SettingsPatch.safeParse({ notifications: { fills: false } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ notifications: { focusUntil: 1_800_000_000_000 } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ notifications: { focusUntil: 0 } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ tray: { keepRunningInTray: true } }).success).toBe(true);
    expect(SettingsPatch.safeParse({ notifications: { approve: true } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ notifications: { focusUntil: -1 } }).success).toBe(false);
    expect(SettingsPatch.safeParse({ tray: { keepRunningInTray: 'yes' } }).success).toBe(false);
  });
});
