import { IBApiTickType as TickType, MarketDataType, type Contract } from '@stoqey/ib';
import { ErrorCode, IbCode } from './ib-codes';
import type { GatewayLink } from './gateway-link';
import type { PacingLane } from './pacing';
import type { HeldContract, PortfolioModel } from './portfolio-model';
import { MODEL_TICKS, readOptionComputation } from './option-computation';

/**
 * Quote subscriptions for held symbols, and the fall-back to delayed data.
 * Without a real-time subscription IB answers 10167/10168/354; the book then
 * asks for delayed data (market data type 3: live where subscribed, delayed
 * elsewhere) and marks those quotes delayed, which the risk checks treat as
 * stale and the screen and Claude show as delayed.
 */

// Live and delayed tick types: bid, ask, last, close.
const PRICE_FIELDS: Record<number, { field: 'bid' | 'ask' | 'last' | 'close'; delayed: boolean }> = {
  [TickType.BID]: { field: 'bid', delayed: false },
  [TickType.ASK]: { field: 'ask', delayed: false },
  [TickType.LAST]: { field: 'last', delayed: false },
  [TickType.CLOSE]: { field: 'close', delayed: false },
  [TickType.DELAYED_BID]: { field: 'bid', delayed: true },
  [TickType.DELAYED_ASK]: { field: 'ask', delayed: true },
  [TickType.DELAYED_LAST]: { field: 'last', delayed: true },
  [TickType.DELAYED_CLOSE]: { field: 'close', delayed: true },
};

const NO_SUBSCRIPTION = new Set<number>([
  ErrorCode.DISPLAYING_DELAYED_DATA,
  IbCode.DELAYED_DATA_NOT_ENABLED,
  ErrorCode.REQ_MKT_DATA_NOT_AVAIL,
  IbCode.ADDITIONAL_SUBSCRIPTION_REQUIRED,
  ErrorCode.PART_OF_REQUESTED_DATA_NOT_SUBSCRIBED,
]);

export class MarketDataBook {
  private readonly byReqId = new Map<number, HeldContract>();
  private readonly byConId = new Map<number, number>();
  private readonly pnlByReqId = new Map<number, string>();
  private readonly pnlSingleByKey = new Map<string, number>();
  private readonly modelSeen = new Set<number>();
  private readonly pnlSingleByReqId = new Map<number, { account: string; conId: number }>();
  private delayedRequested = false;

  constructor(private readonly portfolio: PortfolioModel) {}

  reset(): void {
    this.byReqId.clear();
    this.byConId.clear();
    this.pnlByReqId.clear();
    this.pnlSingleByKey.clear();
    this.pnlSingleByReqId.clear();
    this.modelSeen.clear();
    this.delayedRequested = false;
  }

  /** Subscribes IB's P&L for every held position that has no subscription yet. */
  subscribePositionPnl(link: GatewayLink, nextReqId: () => number): void {
    for (const { account, conId } of this.portfolio.heldPositions()) {
      const key = `${account}:${conId}`;
      if (this.pnlSingleByKey.has(key)) continue;
      const reqId = nextReqId();
      this.pnlSingleByKey.set(key, reqId);
      this.pnlSingleByReqId.set(reqId, { account, conId });
      link.send('background', (api) => api.reqPnLSingle(reqId, account, '', conId));
    }
  }

  pnlSingleOf(reqId: number): { account: string; conId: number } | undefined {
    return this.pnlSingleByReqId.get(reqId);
  }

  trackPnL(reqId: number, account: string): void {
    this.pnlByReqId.set(reqId, account);
  }

  pnlAccount(reqId: number): string | undefined {
    return this.pnlByReqId.get(reqId);
  }

  /** Subscribes every held contract that has no subscription yet. */
  subscribeHeld(link: GatewayLink, nextReqId: () => number): void {
    for (const held of this.portfolio.heldContracts()) {
      if (this.byConId.has(held.conId)) continue;
      this.request(link, held, nextReqId(), 'background');
    }
  }

  /** Subscribes one contract (a draft's symbol) unless it already has a subscription. */
  watch(link: GatewayLink, held: HeldContract, nextReqId: () => number): void {
    if (this.byConId.has(held.conId)) return;
    this.request(link, held, nextReqId(), 'data');
  }

  /** After IB lost our subscriptions (1101): forget them and ask again. */
  resubscribeAll(link: GatewayLink, nextReqId: () => number): void {
    const held = [...this.byReqId.values()];
    this.byReqId.clear();
    this.byConId.clear();
    for (const contract of held) this.request(link, contract, nextReqId(), 'background');
    this.pnlSingleByKey.clear();
    this.pnlSingleByReqId.clear();
    this.subscribePositionPnl(link, nextReqId);
  }

  onTickPrice(reqId: number, tickType: number, price: number): void {
    const held = this.byReqId.get(reqId);
    const spec = PRICE_FIELDS[tickType];
    if (!held || !spec) return;
    const value = Number.isFinite(price) && price > 0 && price < 1e300 ? price : null;
    this.portfolio.applyQuote(held.conId, held.symbol, { [spec.field]: value, ...(spec.delayed ? { delayed: true } : {}) });
  }

  /** Greeks from IB's model computation (bid/ask/last ones only until a model tick has come). */
  onOptionComputation(args: readonly unknown[]): void {
    const c = readOptionComputation(args);
    const held = c ? this.byReqId.get(c.reqId) : undefined;
    if (!c || !held) return;
    if (!MODEL_TICKS.has(c.tickType) && this.modelSeen.has(held.conId)) return;
    if (MODEL_TICKS.has(c.tickType)) this.modelSeen.add(held.conId);
    this.portfolio.applyGreeks(held.conId, c.greeks);
  }

  onMarketDataType(reqId: number, type: number): void {
    const held = this.byReqId.get(reqId);
    if (held) this.portfolio.applyQuote(held.conId, held.symbol, { delayed: type === MarketDataType.DELAYED || type === MarketDataType.DELAYED_FROZEN });
  }

  /** True if the error was about one of our quote subscriptions (and has been handled). */
  onError(link: GatewayLink, reqId: number, code: number, nextReqId: () => number): boolean {
    const held = this.byReqId.get(reqId);
    if (!held) return false;
    if (NO_SUBSCRIPTION.has(code)) {
      this.byReqId.delete(reqId);
      this.byConId.delete(held.conId);
      if (!this.delayedRequested) {
        this.delayedRequested = true;
        link.send('data', (api) => api.reqMarketDataType(MarketDataType.DELAYED));
      }
      this.portfolio.applyQuote(held.conId, held.symbol, { delayed: true });
      this.request(link, held, nextReqId(), 'data');
    }
    return true;
  }

  private request(link: GatewayLink, held: HeldContract, reqId: number, lane: PacingLane): void {
    this.byReqId.set(reqId, held);
    this.byConId.set(held.conId, reqId);
    // Stocks and options route through SMART; futures, forex and crypto trade only where they are listed.
    const smart = held.secType === 'STK' || held.secType === 'OPT';
    const contract: Contract = { conId: held.conId, exchange: smart ? 'SMART' : held.exchange, currency: held.currency, secType: held.secType as Contract['secType'] };
    link.send(lane, (api) => api.reqMktData(reqId, contract, '', false, false));
  }
}
