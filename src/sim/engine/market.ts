// The simulated market: one seeded geometric random walk per listing,
// stepped on the sim clock. State lives in typed arrays so 500 symbols at
// 4 steps a second cost almost nothing and allocate only the Quote objects
// handed to listeners.
import type { Catalogue, Listing } from './catalogue';
import { Random, mixSeed } from './random';
import type { SessionPhase } from './trading-hours';
import type { Quote } from './types';

const TICK = 0.01;
const RTH_MS_PER_YEAR = 252 * 6.5 * 3600_000;

export const roundToTick = (p: number): number => Math.round(p / TICK) * TICK;
const cents = (p: number): number => Math.round(p * 100) / 100;

/** Rounds to an instrument's tick; the core book's cent tick keeps its exact historical arithmetic. */
export function tickRounder(tick: number): (p: number) => number {
  if (tick === TICK) return cents;
  const scale = 10 ** Math.max(0, Math.ceil(-Math.log10(tick)) + 2);
  return (p: number): number => Math.round(Math.round(p / tick) * tick * scale) / scale;
}

export class Market {
  readonly size: number;
  readonly listings: Listing[];
  private readonly index = new Map<number, number>();
  private readonly rng: Random;
  private readonly mid: Float64Array;
  private readonly sigma: Float64Array;
  private readonly bid: Float64Array;
  private readonly ask: Float64Array;
  private readonly last: Float64Array;
  private readonly bidSize: Float64Array;
  private readonly askSize: Float64Array;
  private readonly lastSize: Float64Array;
  private readonly volume: Float64Array;
  private readonly open: Float64Array;
  private readonly high: Float64Array;
  private readonly low: Float64Array;
  private readonly close: Float64Array;
  private readonly time: Float64Array;

  /** Listings from this index on (the world beyond the core US book) draw from their own streams. */
  private readonly worldStart: number;
  private readonly worldRng: Random;
  private readonly tickOf: Float64Array;
  private readonly roundOf: ((p: number) => number)[];

  constructor(catalogue: Catalogue, seed: number, tickIntervalMs: number, now: number) {
    this.listings = catalogue.listings;
    const n = (this.size = this.listings.length);
    this.rng = new Random(mixSeed(seed, 0x6d61726b));
    this.worldStart = Math.min(n, catalogue.worldStart);
    this.worldRng = new Random(mixSeed(seed, 0x776f726c));
    this.tickOf = new Float64Array(n);
    this.roundOf = this.listings.map((l) => tickRounder(l.spec?.minTick ?? TICK));
    for (let i = 0; i < n; i++) this.tickOf[i] = this.listings[i]!.spec?.minTick ?? TICK;
    const f = (): Float64Array => new Float64Array(n);
    this.mid = f(); this.sigma = f(); this.bid = f(); this.ask = f(); this.last = f();
    this.bidSize = f(); this.askSize = f(); this.lastSize = f(); this.volume = f();
    this.open = f(); this.high = f(); this.low = f(); this.close = f(); this.time = f();
    const coreSetup = new Random(mixSeed(seed, 0x73657475));
    const worldSetup = new Random(mixSeed(seed, 0x77736574));
    for (let i = 0; i < n; i++) {
      const l = this.listings[i]!;
      const setup = i < this.worldStart ? coreSetup : worldSetup;
      const cents = this.roundOf[i]!;
      this.index.set(l.conId, i);
      // Each seed starts the market somewhere a little different, and yesterday's close a little away from it.
      const start = l.price * Math.exp(0.03 * setup.normal());
      this.sigma[i] = l.vol * Math.sqrt(tickIntervalMs / RTH_MS_PER_YEAR);
      this.mid[i] = start;
      this.close[i] = cents(start * Math.exp(0.012 * setup.normal()));
      this.open[i] = cents(start * Math.exp(0.004 * setup.normal()));
      this.quoteAround(i, setup);
      this.last[i] = setup.next() < 0.5 ? this.bid[i]! : this.ask[i]!;
      // The day so far has ranged a little beyond both the open and the current price.
      this.high[i] = cents(Math.max(this.open[i]!, this.last[i]!) * (1 + 0.004 * Math.abs(setup.normal())));
      this.low[i] = cents(Math.min(this.open[i]!, this.last[i]!) * (1 - 0.004 * Math.abs(setup.normal())));
      this.lastSize[i] = l.lotSize;
      this.volume[i] = l.lotSize * setup.int(20_000, 120_000);
      this.time[i] = now;
    }
  }

  has(conId: number): boolean {
    return this.index.has(conId);
  }

  indexOf(conId: number): number | undefined {
    return this.index.get(conId);
  }

  quote(conId: number): Quote {
    const i = this.index.get(conId);
    if (i === undefined) throw new Error(`No market for conId ${conId}`);
    return this.quoteAt(i);
  }

  quoteAt(i: number): Quote {
    return {
      bid: this.bid[i]!, ask: this.ask[i]!, last: this.last[i]!,
      bidSize: this.bidSize[i]!, askSize: this.askSize[i]!, lastSize: this.lastSize[i]!,
      volume: this.volume[i]!, close: this.close[i]!, open: this.open[i]!, high: this.high[i]!, low: this.low[i]!,
      time: this.time[i]!,
    };
  }

  lastAt(i: number): number {
    return this.last[i]!;
  }

  closeAt(i: number): number {
    return this.close[i]!;
  }

  /** Shares available at the touch on the side a buyer (ask) or seller (bid) takes. */
  depthAt(i: number, buying: boolean): number {
    return buying ? this.askSize[i]! : this.bidSize[i]!;
  }

  touchAt(i: number, buying: boolean): number {
    return buying ? this.ask[i]! : this.bid[i]!;
  }

  /** Takes liquidity: the displayed size shrinks so a large order fills over several ticks. */
  consume(i: number, buying: boolean, qty: number, price: number, now: number): void {
    if (buying) this.askSize[i] = Math.max(0, this.askSize[i]! - qty);
    else this.bidSize[i] = Math.max(0, this.bidSize[i]! - qty);
    this.print(i, price, qty, now);
  }

  /**
   * One step of the walk for every listing. Calls onChange(i) for each
   * listing whose quote changed. Nothing moves while the market is closed;
   * extended hours move less and print less.
   */
  step(now: number, phase: SessionPhase, onChange: (i: number) => void, worldPhase?: (i: number) => SessionPhase): void {
    if (phase !== 'closed') for (let i = 0; i < this.worldStart; i++) this.stepOne(i, now, phase, this.rng, onChange);
    if (worldPhase) {
      for (let i = this.worldStart; i < this.size; i++) {
        const p = worldPhase(i);
        if (p !== 'closed') this.stepOne(i, now, p, this.worldRng, onChange);
      }
    }
  }

  private stepOne(i: number, now: number, phase: SessionPhase, rng: Random, onChange: (i: number) => void): void {
    {
      const rth = phase === 'rth';
      const volScale = rth ? 1 : 0.4;
      const printChance = rth ? 0.55 : 0.12;
      this.mid[i] = this.mid[i]! * Math.exp(this.sigma[i]! * volScale * rng.normal());
      const oldBid = this.bid[i];
      const oldAsk = this.ask[i];
      const oldBidSize = this.bidSize[i];
      const oldAskSize = this.askSize[i];
      this.quoteAround(i, rng);
      let changed = oldBid !== this.bid[i] || oldAsk !== this.ask[i] || oldBidSize !== this.bidSize[i] || oldAskSize !== this.askSize[i];
      if (rng.next() < printChance) {
        const l = this.listings[i]!;
        const price = rng.next() < 0.5 ? this.bid[i]! : this.ask[i]!;
        this.print(i, price, l.lotSize * (1 + Math.floor(rng.next() * 5)), now);
        changed = true;
      }
      if (changed) {
        this.time[i] = now;
        onChange(i);
      }
    }
  }

  /** Moves the market at once (a news gap): the walk continues from the new price. */
  jump(i: number, price: number, now: number): void {
    this.mid[i] = price;
    this.quoteAround(i, i < this.worldStart ? this.rng : this.worldRng);
    this.print(i, this.roundOf[i]!(price) >= this.ask[i]! ? this.ask[i]! : this.bid[i]!, this.listings[i]!.lotSize, now);
  }

  /** A new trading day: yesterday's last becomes the close, volume and the day range start over. */
  rollDay(): void {
    for (let i = 0; i < this.size; i++) {
      this.close[i] = this.last[i]!;
      this.open[i] = this.last[i]!;
      this.high[i] = this.last[i]!;
      this.low[i] = this.last[i]!;
      this.volume[i] = 0;
    }
  }

  private print(i: number, price: number, qty: number, now: number): void {
    this.last[i] = price;
    this.lastSize[i] = qty;
    this.volume[i] = this.volume[i]! + qty;
    if (price > this.high[i]!) this.high[i] = price;
    if (price < this.low[i]!) this.low[i] = price;
    this.time[i] = now;
  }

  /** The rounding of one listing's prices (its minimum tick). */
  roundAt(i: number): (p: number) => number {
    return this.roundOf[i]!;
  }

  private quoteAround(i: number, rng: Random): void {
    const m = this.mid[i]!;
    const tick = this.tickOf[i]!;
    const round = this.roundOf[i]!;
    // About half a basis point of spread, never less than a tick: tight, as in liquid US names.
    const spreadTicks = Math.max(1, Math.round((m * 0.00005) / tick));
    const bid = round(Math.floor((m - (spreadTicks * tick) / 2) / tick + 1e-9) * tick);
    const bidChanged = bid !== this.bid[i];
    this.bid[i] = bid;
    this.ask[i] = round(bid + spreadTicks * tick);
    const lot = this.listings[i]!.lotSize;
    // Displayed size refreshes when the price moves, and now and then in between.
    if (bidChanged || this.bidSize[i] === 0 || rng.next() < 0.2) this.bidSize[i] = lot * (1 + Math.floor(rng.next() * 10));
    if (bidChanged || this.askSize[i] === 0 || rng.next() < 0.2) this.askSize[i] = lot * (1 + Math.floor(rng.next() * 10));
  }
}
