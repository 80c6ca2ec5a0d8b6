import { SecType, type ContractDetails } from '@stoqey/ib';
import type { AssetType, ChartBar, ChartPeriod, ContractProfile, PriceHistory, PriceHistoryRequest } from '../../shared/chart';
import type { BrokerSession } from './broker-session';
import { parseIbTime } from './ib-time';

/** Each chart period as IB's duration and a bar size that gives a readable number of candles. */
const PERIODS: Record<ChartPeriod, { duration: string; barSize: string }> = {
  '1D': { duration: '1 D', barSize: '5 mins' },
  '5D': { duration: '5 D', barSize: '30 mins' },
  '1M': { duration: '1 M', barSize: '1 day' },
  '6M': { duration: '6 M', barSize: '1 day' },
  '1Y': { duration: '1 Y', barSize: '1 week' },
};

const SEC_TYPES: Record<string, AssetType> = { OPT: 'Option', FOP: 'Option', FUT: 'Future', CONTFUT: 'Future' };

/** Stock or ETF (IB says which in stockType), option, future, or anything else. */
export function assetTypeOf(details: Pick<ContractDetails, 'stockType' | 'contract'>): AssetType {
  const secType = String(details.contract?.secType ?? 'STK');
  if (secType === 'STK') return details.stockType === 'ETF' || details.stockType === 'ETN' ? 'ETF' : 'Stock';
  return SEC_TYPES[secType] ?? 'Other';
}

/** IB's bars for a contract (duration and bar size in IB's words), oldest first, with epoch-ms times. */
export async function readBars(session: BrokerSession, conId: number, duration: string, barSize: string): Promise<ChartBar[]> {
  const bars = await session.history({ conId, exchange: 'SMART', currency: 'USD' }, duration, barSize);
  return bars
    .map((bar) => ({ time: parseIbTime(bar.date), open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume }))
    .filter((bar) => Number.isFinite(bar.time))
    .sort((a, b) => a.time - b.time);
}

/**
 * The data behind the charts, read from the live session. Profiles (sector
 * and type) do not change during a day, so each is asked of IB once and
 * remembered; a lookup that failed is asked again next time.
 */
export class ChartData {
  private readonly profiles = new Map<number, ContractProfile>();

  constructor(private readonly session: () => BrokerSession | undefined) {}

  async priceHistory(request: PriceHistoryRequest): Promise<PriceHistory> {
    const session = this.ready();
    const conId = request.conId ?? (await this.conIdOf(session, request.symbol));
    const { duration, barSize } = PERIODS[request.period];
    return { symbol: request.symbol.toUpperCase(), conId, period: request.period, barSize, bars: await readBars(session, conId, duration, barSize) };
  }

  async contractProfiles(conIds: readonly number[]): Promise<ContractProfile[]> {
    const session = this.ready();
    const missing = [...new Set(conIds)].filter((conId) => !this.profiles.has(conId));
    // One request at a time keeps a large book inside the pacing budget and leaves room for orders.
    for (const conId of missing) {
      const details = await session.resolveContract({ conId }).catch(() => []);
      const first = details[0];
      if (!first) continue;
      this.profiles.set(conId, { conId, sector: first.industry?.trim() || null, assetType: assetTypeOf(first) });
    }
    return conIds.map((conId) => this.profiles.get(conId)).filter((profile): profile is ContractProfile => profile !== undefined);
  }

  private ready(): BrokerSession {
    const session = this.session();
    if (!session?.isReady) throw new Error('The gateway session is not ready; the chart will load once it is.');
    return session;
  }

  private async conIdOf(session: BrokerSession, symbol: string): Promise<number> {
    const details = await session.resolveContract({ symbol: symbol.toUpperCase(), secType: SecType.STK, exchange: 'SMART', currency: 'USD' });
    const conId = details[0]?.contract?.conId;
    if (!conId) throw new Error(`IB does not know the symbol ${symbol.toUpperCase()}.`);
    return conId;
  }
}
