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
  const single = accounts.length === 1 ? accounts[0] : undefined;
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
      {single && dayTradesText(single) !== undefined && (
        <div>
          <dt>Day trades left</dt>
          <dd data-testid="day-trades">{dayTradesText(single)}</dd>
        </div>
      )}
    </dl>
  );
}

/**
 * IB reports the pattern-day-trader count as -1 when it does not limit the
 * account: always for a cash account (the rule is for margin accounts), and
 * for a margin account with $25,000 or more of equity.
 */
function dayTradesText(account: AccountView): string | undefined {
  if (account.kind === 'cash') return 'Does not apply to a cash account';
  const left = account.dayTradesRemaining;
  if (left === null) return undefined;
  if (left < 0) return 'No limit (equity of $25,000 or more)';
  return String(left);
}
