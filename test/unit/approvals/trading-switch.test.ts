import { describe, expect, it } from 'vitest';
import { TradingSwitch } from '../../../src/main/approvals/trading-switch';
import { openStore } from '../../../src/main/store/open-store';
import { StoreHealth } from '../../../src/main/store/store-health';
import { tempDir } from '../store/support';

describe('the trading switch on disk', () => {
  it('a halt cancel whose owed flag cannot be read is owed, not forgotten', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const now = () => 1_700_000_000_000;
    new TradingSwitch(store.settings, new StoreHealth({ now }), now).halt('countersign');
    store.db.prepare("UPDATE settings SET value = 'tru' WHERE key = 'risk.global-cancel-owed'").run();
    const reopened = new TradingSwitch(store.settings, new StoreHealth({ now }), now);
    expect(reopened.state).toBe('halted');
    expect(reopened.cancelOwed).toBe(true);
    store.close();
  });

  it('a halt is on disk whole or not at all: a write that fails part-way leaves no "halted" without its owed cancel', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const now = () => 1_700_000_000_000;
    // The third write of the halt (the state itself) fails, as a full disk would.
    store.db.exec("CREATE TRIGGER refuse_state BEFORE INSERT ON settings WHEN NEW.key = 'risk.trading-state' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const health = new StoreHealth({ now });
    const live = new TradingSwitch(store.settings, health, now);
    live.halt('countersign');
    expect(live.state).toBe('halted');
    expect(health.describe().join(' ')).toMatch(/trading switch/);
    // Nothing of the halt landed: not the owed flag, not the scope.
    expect(store.db.prepare("SELECT key FROM settings WHERE key LIKE 'risk.%'").all()).toEqual([]);
    health.stop();
    store.close();
  });
});
