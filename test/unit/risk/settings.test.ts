import { afterEach, describe, expect, it } from 'vitest';
import { defaultRiskLimits } from '../../../src/shared/draft';
import { riskLimitsSetting, tradingStateSetting } from '../../../src/main/risk/settings';
import { openStore, type Store } from '../../../src/main/store/open-store';
import { tempDir } from '../store/support';

const stores: Store[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
});

describe('risk settings', () => {
  it('start with the default limits and trading active', () => {
    const store = openStore(tempDir());
    stores.push(store);
    expect(store.settings.read(riskLimitsSetting)).toEqual(defaultRiskLimits);
    expect(store.settings.read(tradingStateSetting)).toBe('active');
  });

  it('keep a halted switch across a restart', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.settings.write(tradingStateSetting, 'halted', 1);
    first.close();
    const second = openStore(dir);
    stores.push(second);
    expect(second.settings.read(tradingStateSetting)).toBe('halted');
  });

  it('read an unreadable trading switch as halted, never as active', () => {
    const store = openStore(tempDir());
    stores.push(store);
    store.db.prepare("INSERT INTO settings VALUES ('risk.trading-state', '\"paused\"', 1)").run();
    expect(store.settings.read(tradingStateSetting)).toBe('halted');
  });
});
