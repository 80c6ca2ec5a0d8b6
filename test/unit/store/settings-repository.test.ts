import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../../src/main/store/open-store';
import type { InvalidSetting, SettingDefinition } from '../../../src/main/store/settings-repository';
import { tempDir } from './support';

const collar: SettingDefinition<{ pct: number }> = {
  key: 'risk.collar',
  schema: z.object({ pct: z.number().positive().max(50) }),
  fallback: { pct: 5 },
};

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

describe('settings repository', () => {
  it('returns the default until a value is written, then the value across reopen', () => {
    const dir = tempDir();
    const first = openStore(dir);
    expect(first.settings.read(collar)).toEqual({ pct: 5 });
    first.settings.write(collar, { pct: 2.5 }, 1);
    first.close();
    const second = openStore(dir);
    stores.push(second);
    expect(second.settings.read(collar)).toEqual({ pct: 2.5 });
  });

  it('refuses to write an invalid value', () => {
    const store = openStore(tempDir());
    stores.push(store);
    expect(() => store.settings.write(collar, { pct: 90 }, 1)).toThrow();
    expect(store.settings.read(collar)).toEqual({ pct: 5 });
  });

  it('falls back to the default on an invalid stored value, reports it, and keeps it', () => {
    const reported: InvalidSetting[] = [];
    const store = openStore(tempDir(), (i) => reported.push(i));
    stores.push(store);
    store.db.prepare("INSERT INTO settings VALUES ('risk.collar', '{\"pct\": -3}', 1)").run();
    expect(store.settings.read(collar)).toEqual({ pct: 5 });
    store.db.prepare("UPDATE settings SET value = 'not json' WHERE key = 'risk.collar'").run();
    expect(store.settings.read(collar)).toEqual({ pct: 5 });
    expect(reported.map((r) => r.key)).toEqual(['risk.collar', 'risk.collar']);
    expect(reported[1]!.problem).toBe('not valid JSON');
    expect(store.db.prepare("SELECT value FROM settings WHERE key = 'risk.collar'").get()).toEqual({ value: 'not json' });
  });
});
