import { useMemo, useRef, useState } from 'react';
import { defaultDisplayCurrency, rateBetween } from '../../../shared/portfolio-totals';
import { easternYmd } from '../../../shared/trading-date';
import { ChartPanel } from '../charts/chart-panel';
import { useFocusRequest } from '../keyboard/use-keyboard';
import { useAppStore } from '../store';
import { ALL_ACCOUNTS } from '../store/portfolio-slice';
import { AccountSummary } from './account-summary';
import { AccountSwitcher } from './account-switcher';
import { ExecutionsTable, OpenOrdersTable } from './orders-view';
import { PositionsTable } from './positions-table';

type Tab = 'positions' | 'orders' | 'executions';

export function PositionsPane() {
  const accounts = useAppStore((s) => s.accounts);
  const positions = useAppStore((s) => s.positions);
  const openOrders = useAppStore((s) => s.openOrders);
  const executions = useAppStore((s) => s.executions);
  const selected = useAppStore((s) => s.selectedAccount);
  const [tab, setTab] = useState<Tab>('positions');
  const ref = useRef<HTMLElement>(null);
  useFocusRequest('positions', ref);
  const all = selected === ALL_ACCOUNTS;
  const inScope = <T extends { account: string }>(rows: T[]): T[] => (all ? rows : rows.filter((row) => row.account === selected));
  const rows = useMemo(() => inScope(Object.values(positions)), [positions, selected]);
  const accountViews = useMemo(() => inScope(Object.values(accounts)), [accounts, selected]);
  const hasAccounts = Object.keys(accounts).length > 0;
  // Today by the gateway's clock (the latest quote's time), never the machine's; a string, so quote batches do not re-render the pane.
  const today = useAppStore((s) => {
    let at = 0;
    for (const q of Object.values(s.quotes)) if (q.at > at) at = q.at;
    return at > 0 ? easternYmd(at) : null;
  });
  const allAccounts = useMemo(() => Object.values(accounts), [accounts]);
  // The all-accounts view converts to one currency the person picks; the first account's base until then.
  const [chosenCurrency, setChosenCurrency] = useState<string | null>(null);
  const displayCurrency = all ? (chosenCurrency ?? defaultDisplayCurrency(allAccounts)) : (accountViews[0]?.currency ?? 'USD');
  const baseOf = useMemo(() => {
    const bases = new Map(allAccounts.map((a) => [a.account, a.currency]));
    return (account: string): string => bases.get(account) ?? '?';
  }, [allAccounts]);
  const totals = useMemo(() => {
    const convert = (pick: (p: (typeof rows)[number]) => number | null): number | null => {
      let total = 0;
      for (const p of rows) {
        const value = pick(p);
        const rate = rateBetween(baseOf(p.account), displayCurrency, allAccounts);
        if (value === null || rate === null) return null;
        total += value * rate;
      }
      return total;
    };
    return { currency: displayCurrency, marketValue: convert((p) => p.baseValue), unrealizedPnL: convert((p) => p.unrealizedPnL), dailyPnL: convert((p) => p.dailyPnL) };
  }, [rows, displayCurrency, allAccounts, baseOf]);

  return (
    <section ref={ref} tabIndex={-1} className="pane positions-pane" aria-labelledby="positions-title" data-testid="positions-pane">
      <div className="pane-header">
        <h2 id="positions-title">Positions</h2>
        {hasAccounts && <AccountSwitcher />}
      </div>
      {!hasAccounts ? (
        <p className="empty">Positions appear here once a gateway session is ready.</p>
      ) : (
        <>
          <AccountSummary accounts={accountViews} all={all} everyAccount={allAccounts} currency={displayCurrency} onCurrency={setChosenCurrency} />
          <div className="tabs" role="tablist" aria-label="Portfolio views">
            {(['positions', 'orders', 'executions'] as const).map((name) => (
              <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
                {name === 'positions' ? `Positions (${rows.length})` : name === 'orders' ? `Open orders (${inScope(openOrders).length})` : `Executions (${inScope(executions).length})`}
              </button>
            ))}
          </div>
          {tab === 'positions' && <PositionsTable rows={rows} showAccount={all} baseOf={baseOf} totals={totals} today={today} />}
          {tab === 'orders' && <OpenOrdersTable orders={inScope(openOrders)} />}
          {tab === 'executions' && <ExecutionsTable executions={inScope(executions)} />}
          <ChartPanel positions={rows} />
        </>
      )}
    </section>
  );
}
