import type { AccountView } from '../../../shared/portfolio';
import { formatMoney, formatSignedMoney, pnlTone } from '../../../shared/format-numbers';

function sum(accounts: AccountView[], pick: (a: AccountView) => number | null): number | null {
  const values = accounts.map(pick).filter((v): v is number => v !== null);
  return values.length ? values.reduce((a, b) => a + b, 0) : null;
}

export function AccountSummary({ accounts }: { accounts: AccountView[] }) {
  const netLiq = sum(accounts, (a) => a.netLiquidation);
  const cash = sum(accounts, (a) => a.totalCash);
  const buyingPower = sum(accounts, (a) => a.buyingPower);
  const daily = sum(accounts, (a) => a.dailyPnL);
  const dayTrades = accounts.length === 1 ? accounts[0]?.dayTradesRemaining : undefined;
  return (
    <dl className="account-summary" data-testid="account-summary">
      <div>
        <dt>Net liquidation</dt>
        <dd className="num">{formatMoney(netLiq)}</dd>
      </div>
      <div>
        <dt>Cash</dt>
        <dd className="num">{formatMoney(cash)}</dd>
      </div>
      <div>
        <dt>Buying power</dt>
        <dd className="num">{formatMoney(buyingPower)}</dd>
      </div>
      <div>
        <dt>Daily P&amp;L</dt>
        <dd className={`num pnl-${pnlTone(daily)}`}>{formatSignedMoney(daily)}</dd>
      </div>
      {dayTrades !== undefined && dayTrades !== null && (
        <div>
          <dt>Day trades left</dt>
          <dd className="num">{dayTrades}</dd>
        </div>
      )}
    </dl>
  );
}
