import { defaultRiskLimits, positionKey, type Draft, type DraftContract, type DraftInput } from '../../../src/shared/draft';
import { createDraft } from '../../../src/main/approvals/lifecycle';
import type { RiskContext } from '../../../src/main/risk/context';

export const now = Date.UTC(2026, 10, 23, 15, 0);

/** AAPL as IB resolves it: a draft carries IB's contract id, and the holding is found by it. */
export const aaplContract = { symbol: 'AAPL', secType: 'STK', conId: 265598 } as const satisfies DraftInput['contract'];
/** The key of the account's AAPL holding. */
export const AAPL = positionKey({ ...aaplContract, secType: 'STK' } as DraftContract);

/** A paper margin account, a live fresh AAPL quote at 189.90/190.00, market open: every check passes. */
export function context(overrides: Partial<RiskContext> = {}): RiskContext {
  return {
    now,
    account: {
      accountId: 'DU1234567',
      kind: 'margin',
      isPaper: true,
      baseCurrency: 'USD',
      exchangeRates: { USD: 1 },
      netLiquidation: 200_000,
      availableFunds: 150_000,
      buyingPower: 600_000,
      dayTradesRemaining: 3,
      dailyPnL: 250,
      positions: {
        [AAPL]: { qty: 100, marketValue: 19_000, openedTodayQty: 0 },
      },
    },
    quote: { symbol: 'AAPL', bid: 189.9, ask: 190, last: 189.95, at: now - 1000, delayed: false },
    session: { ready: true, inResetWindow: false },
    market: { regularHoursOpen: true },
    limits: { ...defaultRiskLimits, maxNotional: 25_000, maxPctNetLiq: 10, maxConcentrationPct: 25, collarPct: 5 },
    tradingState: 'active',
    otherDrafts: [],
    recentApprovals: [],
    ...overrides,
  };
}

export function withAccount(patch: Partial<NonNullable<RiskContext['account']>>, base = context()): RiskContext {
  return { ...base, account: { ...base.account!, ...patch } };
}

export function draft(order: Partial<DraftInput['order']> = {}, input: Partial<DraftInput> = {}): Draft {
  const built: DraftInput = {
    account: 'DU1234567',
    contract: aaplContract,
    author: 'claude',
    ...input,
    order: { side: 'BUY', quantity: 10, orderType: 'LMT', limitPrice: 190, ...order } as DraftInput['order'],
  };
  return { ...createDraft(built, now - 5000), state: 'pending' };
}

/** A pending AAPL draft with exactly this order (no defaults merged in). */
export function draftWithOrder(order: DraftInput['order']): Draft {
  return { ...createDraft({ account: 'DU1234567', contract: aaplContract, author: 'claude', order }, now - 5000), state: 'pending' };
}
