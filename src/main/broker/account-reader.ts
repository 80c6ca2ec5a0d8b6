import type { JournalRecord } from '../../shared/journal';
import type { Contract } from '@stoqey/ib';
import type { AccountReader, ContractMatch, OptionChainView, OptionQuote, PriceBar, PriceHistoryRequest } from '../assistant/ports';
import { easternYmd } from '../../shared/trading-date';
import type { Draft } from '../../shared/draft';
import type { QuoteView } from '../../shared/portfolio';
import type { BrokerSession } from './broker-session';
import { waitForQuote } from './quote-wait';
import { readBars } from './chart-data';
import { parseIbTime } from './ib-time';

const DURATION: Record<PriceHistoryRequest['period'], string> = {
  '1D': '1 D',
  '5D': '5 D',
  '1M': '1 M',
  '3M': '3 M',
  '6M': '6 M',
  '1Y': '1 Y',
  '5Y': '5 Y',
};

export interface AccountReaderDeps {
  session: () => BrokerSession | undefined;
  pendingDrafts: () => Draft[];
  /** The decision journal's records, when the store has one. */
  journal?: () => JournalRecord[];
  /** How long a quote for a symbol that is not yet subscribed may take. */
  quoteWaitMs?: number;
  /** Wall clock, for which expiries are still ahead. */
  now: () => number;
}

/**
 * What Claude may read, served from the live session. Read-only by
 * construction: nothing here can place, change or cancel an order.
 */
export function createAccountReader(deps: AccountReaderDeps): AccountReader {
  const session = (): BrokerSession => {
    const current = deps.session();
    if (!current?.isReady) throw new Error('The gateway session is not ready, so the account cannot be read right now.');
    return current;
  };
  const snapshot = () => session().portfolio.snapshot();
  const byAccount = <T extends { account: string }>(rows: T[], account?: string): T[] => (account ? rows.filter((r) => r.account === account) : rows);

  const resolve = async (symbol: string, secType: string = 'STK'): Promise<Contract | undefined> => {
    const details = await session().resolveContract({ symbol: symbol.toUpperCase(), secType: (secType === 'ETF' ? 'STK' : secType) as Contract['secType'], exchange: 'SMART', currency: 'USD' });
    return details[0]?.contract;
  };

  const reader: AccountReader = {
    accounts: async () => session().state.accounts,
    portfolio: async (account) => byAccount(snapshot().positions, account),
    accountSummary: async (account) => byAccount(snapshot().accounts, account),
    async quotes(symbols) {
      const wanted = [...new Set(symbols.map((s) => s.toUpperCase()))];
      const found = new Map<string, QuoteView>();
      // Looked up one by one: building a snapshot of the whole book on every pass of the wait is wasted work.
      const quoteFor = (symbol: string): QuoteView | undefined => session().portfolio.quoteFor(symbol);
      for (const symbol of wanted) {
        const quote = quoteFor(symbol);
        if (quote) found.set(symbol, quote);
      }
      const missing = wanted.filter((symbol) => !found.has(symbol));
      const watched: { symbol: string; conId: number }[] = [];
      for (const symbol of missing) {
        const contract = await resolve(symbol);
        if (!contract?.conId) continue;
        session().watch(contract);
        watched.push({ symbol, conId: contract.conId });
      }
      const portfolio = session().portfolio;
      const arrived = await Promise.all(
        watched.map(({ conId }) => waitForQuote(portfolio, conId, (quote) => quote.last !== null || quote.bid !== null, deps.quoteWaitMs ?? 2000)),
      );
      watched.forEach(({ symbol }, i) => {
        const quote = arrived[i];
        if (quote) found.set(symbol, quote);
      });
      return wanted.map((symbol) => found.get(symbol)).filter((q): q is QuoteView => !!q);
    },
    async priceHistory(request): Promise<PriceBar[]> {
      const contract = await resolve(request.symbol);
      if (!contract?.conId) throw new Error(`IB does not know the symbol ${request.symbol}.`);
      return readBars(session(), contract.conId, DURATION[request.period], request.barSize);
    },
    openOrders: async (account) => byAccount(snapshot().openOrders, account),
    async executions({ account, sinceMs }) {
      return byAccount(snapshot().executions, account)
        .map((execution) => ({ execution, at: parseIbTime(execution.time) }))
        .filter(({ at }) => sinceMs === undefined || !Number.isFinite(at) || at >= sinceMs)
        .sort((a, b) => b.at - a.at)
        .map(({ execution }) => execution);
    },
    async findContracts(query, secType): Promise<ContractMatch[]> {
      const symbol = query.trim().toUpperCase();
      if (!/^[A-Z][A-Z0-9.]{0,11}$/.test(symbol)) return [];
      const details = await session().resolveContract({ symbol, secType: (secType === 'ETF' || !secType ? 'STK' : secType) as Contract['secType'], exchange: 'SMART', currency: 'USD' });
      return details
        .filter((d) => d.contract?.conId)
        .map((d) => ({
          conId: d.contract.conId ?? 0,
          symbol: d.contract.symbol ?? symbol,
          secType: String(d.contract.secType ?? 'STK'),
          currency: d.contract.currency ?? 'USD',
          primaryExchange: d.contract.primaryExch ?? '',
          longName: d.longName ?? '',
          ...(d.industry || d.category ? { description: [d.industry, d.category, d.subcategory].filter(Boolean).join(' / ') } : {}),
        }));
    },
    pendingDrafts: async () => deps.pendingDrafts(),
    ...(deps.journal ? { decisionJournal: async () => (deps.journal as () => JournalRecord[])() } : {}),
    async optionChain(request): Promise<OptionChainView> {
      const symbol = request.symbol.toUpperCase();
      const underlying = await resolve(symbol);
      if (!underlying?.conId) throw new Error(`IB does not know the symbol ${symbol}.`);
      const [quote] = await reader.quotes([symbol]);
      const mid = quote && quote.bid !== null && quote.ask !== null ? (quote.bid + quote.ask) / 2 : null;
      const spot = quote?.last ?? mid ?? quote?.close ?? null;
      const chains = await session().optionChainParams({ symbol, secType: String(underlying.secType ?? 'STK'), conId: underlying.conId });
      const chain = chains.find((c) => c.exchange === 'SMART') ?? chains[0];
      const currency = underlying.currency ?? 'USD';
      const empty = { symbol, currency, spot, multiplier: chain?.multiplier ?? null, tradingClass: chain?.tradingClass ?? '', rows: [] };
      if (!chain) return { ...empty, expirations: [], expiry: null };
      const today = easternYmd(deps.now());
      const expirations = chain.expirations.filter((e) => e >= today);
      const expiry = request.expiry && expirations.includes(request.expiry) ? request.expiry : (expirations[0] ?? null);
      if (expiry === null || spot === null) return { ...empty, expirations, expiry };
      const strikes = [...chain.strikes].sort((a, b) => Math.abs(a - spot) - Math.abs(b - spot)).slice(0, request.strikes).sort((a, b) => a - b);
      // One option IB cannot quote (no subscription, no such strike) marks its own line; losing the session fails the call.
      const leg = async (strike: number, right: 'C' | 'P'): Promise<OptionQuote | null> => {
        try {
          const [details] = await session().resolveContract({
            symbol, secType: 'OPT' as Contract['secType'], exchange: 'SMART', currency, lastTradeDateOrContractMonth: expiry, strike, right: right as Contract['right'], ...(chain.multiplier === null ? {} : { multiplier: chain.multiplier }),
          });
          if (!details?.contract.conId) return null;
          const snap = await session().optionSnapshot({ conId: details.contract.conId, exchange: 'SMART' });
          return {
            bid: snap.bid, ask: snap.ask, delta: snap.greeks?.delta ?? null, impliedVol: snap.greeks?.impliedVol ?? null,
            ...(snap.delayed ? { delayed: true } : {}), ...(snap.notes.length > 0 ? { notes: snap.notes } : {}),
          };
        } catch (error) {
          session();
          return { bid: null, ask: null, delta: null, impliedVol: null, notes: [error instanceof Error ? error.message : String(error)] };
        }
      };
      const rows = await Promise.all(strikes.map(async (strike) => ({ strike, call: await leg(strike, 'C'), put: await leg(strike, 'P') })));
      session();
      return { ...empty, expirations, expiry, rows };
    },
  };
  return reader;
}
