import type { Draft, RiskOutcome, RiskVerdict } from '../../shared/draft';
import { accountMayTrade } from './account-may-trade';
import { bracketPrices } from './bracket-prices';
import { buyingPower } from './buying-power';
import { cashAccount } from './cash-account';
import { concentration } from './concentration';
import type { RiskCheck, RiskContext } from './context';
import { worstOutcome } from './verdict';
import { dailyLossHalt } from './daily-loss-halt';
import { dayTrades } from './day-trades';
import { draftsReadable } from './drafts-readable';
import { duplicateDraft } from './duplicate-draft';
import { limitsReadable } from './limits-readable';
import { maxNetLiqPct } from './max-net-liq-pct';
import { maxNotional } from './max-notional';
import { orderRate } from './order-rate';
import { outsideHours } from './outside-hours';
import { priceCollar } from './price-collar';
import { quoteFresh } from './quote-fresh';
import { sessionReady } from './session-ready';
import { tradingState } from './trading-state';

/** In the order the person reads them: the switch and the account first, the market, then size. */
export const riskChecks: readonly RiskCheck[] = [
  tradingState,
  limitsReadable,
  draftsReadable,
  accountMayTrade,
  sessionReady,
  quoteFresh,
  priceCollar,
  bracketPrices,
  outsideHours,
  maxNotional,
  maxNetLiqPct,
  concentration,
  buyingPower,
  cashAccount,
  dayTrades,
  duplicateDraft,
  orderRate,
  dailyLossHalt,
];

export interface RiskReport {
  outcome: RiskOutcome;
  verdicts: RiskVerdict[];
}

/**
 * Run every check. A check that throws is a bug, and is reported as a block
 * rather than letting the order through unchecked.
 */
export function runChecks(ctx: RiskContext, draft: Draft): RiskReport {
  const verdicts = riskChecks.map((check): RiskVerdict => {
    try {
      return check(ctx, draft);
    } catch (error) {
      return {
        check: check.name || 'unknown',
        label: 'Internal check',
        outcome: 'block',
        explanation: `A risk check failed to run (${error instanceof Error ? error.message : String(error)}); the order is held.`,
      };
    }
  });
  return { outcome: worstOutcome(verdicts), verdicts };
}
