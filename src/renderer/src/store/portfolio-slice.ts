import type { StateCreator } from 'zustand';
import type {
  AccountView,
  ExecutionView,
  OpenOrderView,
  PortfolioDelta,
  PortfolioSnapshot,
  PositionView,
  QuoteView,
} from '../../../shared/portfolio';

export const ALL_ACCOUNTS = 'all';

export interface PortfolioSlice {
  portfolioSeq: number;
  accounts: Record<string, AccountView>;
  positions: Record<string, PositionView>;
  quotes: Record<number, QuoteView>;
  openOrders: OpenOrderView[];
  executions: ExecutionView[];
  /** An account id, or ALL_ACCOUNTS. */
  selectedAccount: string;
  applyPortfolioSnapshot(snapshot: PortfolioSnapshot): void;
  applyPortfolioDelta(delta: PortfolioDelta): void;
  selectAccount(account: string): void;
}

function byKey<T>(items: T[], key: (item: T) => string | number): Record<string, T> {
  const record: Record<string, T> = {};
  for (const item of items) record[key(item)] = item;
  return record;
}

function fromSnapshot(snapshot: PortfolioSnapshot) {
  return {
    portfolioSeq: snapshot.seq,
    accounts: byKey(snapshot.accounts, (a) => a.account),
    positions: byKey(snapshot.positions, (p) => p.key),
    quotes: byKey(snapshot.quotes, (q) => q.conId),
    openOrders: snapshot.openOrders,
    executions: snapshot.executions,
  };
}

export const createPortfolioSlice: StateCreator<PortfolioSlice, [], [], PortfolioSlice> = (set) => ({
  portfolioSeq: -1,
  accounts: {},
  positions: {},
  quotes: {},
  openOrders: [],
  executions: [],
  selectedAccount: ALL_ACCOUNTS,
  applyPortfolioSnapshot: (snapshot) =>
    set((state) => {
      if (snapshot.seq >= state.portfolioSeq) return fromSnapshot(snapshot);
      // A newer delta overtook the snapshot: keep its rows on top of the snapshot's.
      const base = fromSnapshot(snapshot);
      return {
        accounts: { ...base.accounts, ...state.accounts },
        positions: { ...base.positions, ...state.positions },
        quotes: { ...base.quotes, ...state.quotes },
      };
    }),
  applyPortfolioDelta: (delta) =>
    set((state) => {
      if (delta.reset) return fromSnapshot(delta.reset);
      // Already contained in the snapshot we hold.
      if (delta.seq <= state.portfolioSeq) return state;
      const next: Partial<PortfolioSlice> = { portfolioSeq: delta.seq };
      if (delta.accounts) next.accounts = { ...state.accounts, ...byKey(delta.accounts, (a) => a.account) };
      if (delta.positions || delta.removedPositions) {
        const positions = { ...state.positions, ...byKey(delta.positions ?? [], (p) => p.key) };
        for (const key of delta.removedPositions ?? []) delete positions[key];
        next.positions = positions;
      }
      if (delta.quotes) next.quotes = { ...state.quotes, ...byKey(delta.quotes, (q) => q.conId) };
      if (delta.openOrders) next.openOrders = delta.openOrders;
      if (delta.executions) next.executions = delta.executions;
      return next;
    }),
  selectAccount: (selectedAccount) => set({ selectedAccount }),
});
