import { describe, expect, it } from 'vitest';
import { buildRiskContext, type RiskInputs } from '../../../src/main/approvals/risk-context';
import { draftFigures } from '../../../src/main/approvals/draft-figures';
import { createDraft } from '../../../src/main/approvals/lifecycle';
import { positionChange } from '../../../src/main/risk/exposure';
import { defaultRiskLimits, positionKey, type Draft, type DraftInput } from '../../../src/shared/draft';
import type { AccountView, PositionView } from '../../../src/shared/portfolio';
import { positionView } from '../../support/position-view';

const now = Date.UTC(2026, 11, 2, 15, 0);
const account: AccountView = {
  account: 'DU1', currency: 'USD', kind: 'margin', accountType: 'INDIVIDUAL', netLiquidation: 500_000, totalCash: 100_000, buyingPower: 1_000_000,
  availableFunds: 400_000, excessLiquidity: null, initMarginReq: null, maintMarginReq: null, grossPositionValue: null, equityWithLoan: null,
  dayTradesRemaining: -1, dailyPnL: 0, unrealizedPnL: 0, realizedPnL: 0,
  cashByCurrency: [{ currency: 'USD', cash: 100_000, rate: 1, netLiquidation: null }],
};

function inputs(positions: PositionView[]): RiskInputs {
  return {
    now,
    session: { phase: 'ready', message: 'Connected', gateway: 'demo', mode: 'paper', accounts: ['DU1'], since: now },
    inResetWindow: false,
    portfolio: { seq: 1, accounts: [account], positions, openOrders: [], executions: [], quotes: [] },
    limits: defaultRiskLimits,
    tradingState: 'active',
    drafts: [],
    recentApprovals: [],
    regularHoursOpen: true,
  };
}

function draft(contract: DraftInput['contract'], side: 'BUY' | 'SELL', quantity: number): Draft {
  return { ...createDraft({ account: 'DU1', contract, author: 'claude', order: { side, quantity, orderType: 'LMT', limitPrice: 10 } } as DraftInput, now), state: 'pending' };
}

const heldCall = positionView({
  account: 'DU1', conId: 3, symbol: 'SPY   261218C00600000', underlying: 'SPY', secType: 'OPT', multiplier: 100,
  expiry: '20261218', strike: 600, right: 'C', quantity: 10, marketValue: 12_500, baseValue: 12_500,
});
const heldFuture = positionView({
  account: 'DU1', conId: 5, symbol: 'ESZ6', underlying: 'ES', secType: 'FUT', multiplier: 50, expiry: '20261218', quantity: 2, marketValue: 600_000, baseValue: 600_000,
});

describe('the risk checks see the option and future the account holds', () => {
  it('finds a held option by IB’s contract id, so selling it closes it rather than opening a short', () => {
    const sell = draft({ symbol: 'SPY', secType: 'OPT', conId: 3, expiry: '20261218', strike: 600, right: 'C', multiplier: 100, tradingClass: 'SPY' }, 'SELL', 10);
    const ctx = buildRiskContext(inputs([heldCall]), sell);
    expect(ctx.account?.positions[positionKey(sell.contract)]?.qty).toBe(10);
    expect(positionChange(ctx, sell)).toMatchObject({ before: 10, after: 0, effect: 'reduces' });
  });
  it('finds a held future by IB’s contract id, which IB resolves with its last trading day', () => {
    const sell = draft({ symbol: 'ES', secType: 'FUT', conId: 5, expiry: '20261218', multiplier: 50 }, 'SELL', 1);
    expect(positionChange(buildRiskContext(inputs([heldFuture]), sell), sell)).toMatchObject({ before: 2, after: 1, effect: 'reduces' });
  });
});

describe('the quote the checks value a draft at', () => {
  it('is never the underlying’s for an option that has no quote of its own yet', () => {
    const spy = { conId: 756733, symbol: 'SPY', bid: 599.9, ask: 600, last: 600, close: 598, delayed: false, at: now };
    const call = { ...draft({ symbol: 'SPY', secType: 'OPT', expiry: '20261218', strike: 600, right: 'C', multiplier: 100 }, 'BUY', 1) };
    call.contract = { ...call.contract, conId: 9_000_001 };
    const withSpy = { ...inputs([]), portfolio: { ...inputs([]).portfolio, quotes: [spy] } };
    expect(buildRiskContext(withSpy, call).quote).toBeNull();
    expect(draftFigures(buildRiskContext(withSpy, call), call).marketPrice).toBeNull();
  });
});

describe('a held position with no rate to the base is not valued as if it were in the base', () => {
  it('shows no weight for a EUR holding when IB has given neither its base value nor the EUR rate', () => {
    const sap = positionView({ account: 'DU1', conId: 9, symbol: 'SAP', currency: 'EUR', exchange: 'IBIS', quantity: 100, avgCost: 200, fxRate: null, marketValue: null, baseValue: null });
    const buy = draft({ symbol: 'SAP', secType: 'STK', conId: 9, currency: 'EUR', exchange: 'IBIS' }, 'BUY', 10);
    const ctx = buildRiskContext(inputs([sap]), buy);
    expect(ctx.account?.positions[positionKey(buy.contract)]?.marketValue).toBeNull();
    expect(draftFigures(ctx, buy).weightBefore).toBeNull();
  });
});
