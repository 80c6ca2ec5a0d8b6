import type { AccountView } from '../../../shared/portfolio';
import { formatMoney, formatSignedMoney, pnlTone } from '../../../shared/format-numbers';
import { combinedTotals } from '../../../shared/portfolio-totals';

export interface AccountSummaryProps {
  /** The accounts in view: one, or all. */
  accounts: AccountView[];
  all: boolean;
  /** Every account, for IB's exchange rates between base currencies. */
  everyAccount: AccountView[];
  /** The currency figures are shown in: the account's base, or the one chosen for all accounts. */
  currency: string;
  onCurrency: (currency: string) => void;
}

/** Currencies the all-accounts view can convert to: every base, and every currency an account has a rate for. */
function choices(accounts: AccountView[]): string[] {
  const out = new Set<string>();
  for (const a of accounts) out.add(a.currency);
  for (const a of accounts) for (const c of a.cashByCurrency) if (c.rate !== null) out.add(c.currency);
  return [...out];
}

/**
 * Balances in the account's own base currency, or for all accounts in one
 * currency the person chooses (the first account's base unless chosen), each
 * account converted with IB's own exchange rates, and saying so.
 */
export function AccountSummary({ accounts, all, everyAccount, currency, onCurrency }: AccountSummaryProps) {
  const totals = combinedTotals(accounts, currency);
  const single = !all && accounts.length === 1 ? accounts[0] : undefined;
  const buyingPower = single ? single.buyingPower : null;
  const withCode = (value: number | null): string => (value === null ? formatMoney(null) : `${formatMoney(value)} ${currency}`);
  return (
    <div className="account-summary-block" data-testid="account-summary-block">
      <p className="summary-currency" data-testid="summary-currency">
        {all ? (
          <>
            All accounts in{' '}
            <select aria-label="Currency for all accounts" value={currency} onChange={(e) => onCurrency(e.target.value)} data-testid="display-currency">
              {choices(everyAccount).map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            , each account converted from its base currency at IB&apos;s exchange rates
            {totals.unconverted.length > 0 && <span className="warning"> — no IB rate to convert {totals.unconverted.join(', ')}, so totals are not shown</span>}
          </>
        ) : (
          <>In {currency}, the account&apos;s base currency</>
        )}
      </p>
      <dl className="account-summary" data-testid="account-summary">
        <div>
          <dt>Net liquidation</dt>
          <dd className="num" data-testid="summary-net-liq">{withCode(totals.netLiquidation)}</dd>
        </div>
        <div>
          <dt>Cash</dt>
          <dd className="num">{withCode(totals.cash)}</dd>
        </div>
        {single && (
          <div>
            <dt>Buying power</dt>
            <dd className="num">{withCode(buyingPower)}</dd>
          </div>
        )}
        <div>
          <dt>Daily P&amp;L</dt>
          <dd className={`num pnl-${pnlTone(totals.dailyPnL)}`}>{formatSignedMoney(totals.dailyPnL)}</dd>
        </div>
        {single && dayTradesText(single) !== undefined && (
          <div>
            <dt>Day trades left</dt>
            <dd data-testid="day-trades">{dayTradesText(single)}</dd>
          </div>
        )}
      </dl>
      {single && single.cashByCurrency.length > 1 && (
        <p className="cash-by-currency" data-testid="cash-by-currency">
          Cash by currency:{' '}
          {single.cashByCurrency.map((c) => `${formatMoney(c.cash)} ${c.currency}${c.currency !== single.currency && c.rate !== null ? ` (× ${c.rate} ${single.currency})` : ''}`).join(' · ')}
        </p>
      )}
    </div>
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
