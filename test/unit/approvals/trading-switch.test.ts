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
});
