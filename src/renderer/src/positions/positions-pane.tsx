import { useMemo, useRef, useState } from 'react';
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
          <AccountSummary accounts={accountViews} />
          <div className="tabs" role="tablist" aria-label="Portfolio views">
            {(['positions', 'orders', 'executions'] as const).map((name) => (
              <button key={name} type="button" role="tab" aria-selected={tab === name} onClick={() => setTab(name)}>
                {name === 'positions' ? `Positions (${rows.length})` : name === 'orders' ? `Open orders (${inScope(openOrders).length})` : `Executions (${inScope(executions).length})`}
              </button>
            ))}
          </div>
          {tab === 'positions' && <PositionsTable rows={rows} showAccount={all} />}
          {tab === 'orders' && <OpenOrdersTable orders={inScope(openOrders)} />}
          {tab === 'executions' && <ExecutionsTable executions={inScope(executions)} />}
          <ChartPanel positions={rows} />
        </>
      )}
    </section>
  );
}
