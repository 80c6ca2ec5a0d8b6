// Account updates, account summary, positions and P&L streams for one session.
// Everything is pushed again when the engine says an account changed; P&L is
// also pushed once a second of sim time, as TWS does, because it moves with
// every tick.
import type { PortfolioRow, PositionRow } from './engine';
import type { SessionContext } from './session';
import type { ClientRequest } from './wire/incoming';
import {
  accountDownloadEnd, accountSummary, accountSummaryEnd, accountUpdateMulti, accountUpdateMultiEnd, accountUpdateTime, accountValue, pnl, pnlSingle,
  portfolioValue, position, positionEnd, positionMulti, positionMultiEnd,
} from './wire/outgoing/account';
import { twsAccountTime } from './wire/tws-time';
import { SimCode } from './wire/ib-codes';

type AccountRequest = Extract<ClientRequest, { kind:
  'reqPositions' | 'cancelPositions' | 'reqAccountSummary' | 'cancelAccountSummary' | 'reqAccountUpdates' | 'reqPnL' | 'cancelPnL' |
  'reqPnLSingle' | 'cancelPnLSingle' | 'reqPositionsMulti' | 'cancelPositionsMulti' | 'reqAccountUpdatesMulti' | 'cancelAccountUpdatesMulti' }>;

/** Cash-ledger keys: what reqAccountUpdatesMulti sends when asked for ledger and NLV only. */
const LEDGER_KEYS = new Set(['CashBalance', 'TotalCashBalance', 'NetLiquidationByCurrency', 'NetLiquidation', 'ExchangeRate', 'RealizedPnL', 'UnrealizedPnL']);

/** Which currencies' cash ledger a summary asked for: $LEDGER (base totals), $LEDGER:ALL, $LEDGER:<CCY>. */
type LedgerWanted = { base: boolean; all: boolean; currencies: Set<string> };

function ledgerWanted(tags: readonly string[]): LedgerWanted {
  const out: LedgerWanted = { base: false, all: false, currencies: new Set() };
  for (const raw of tags) {
    const t = raw.trim().toUpperCase();
    if (t === '$LEDGER') out.base = true;
    else if (t === '$LEDGER:ALL') out.all = true;
    else if (t.startsWith('$LEDGER:')) out.currencies.add(t.slice('$LEDGER:'.length));
  }
  return out;
}

interface MultiSub { account: string; modelCode: string; ledgerAndNLV?: boolean }

const PNL_INTERVAL_MS = 1000;

export class AccountStreams {
  private updatesAccount: string | undefined;
  private positionsOn = false;
  private readonly summaries = new Map<number, { tags: Set<string> | 'all'; ledger: LedgerWanted }>();
  private readonly pnlSubs = new Map<number, string>();
  private readonly pnlSingleSubs = new Map<number, { account: string; conId: number }>();
  private readonly positionsMulti = new Map<number, MultiSub>();
  private readonly updatesMulti = new Map<number, MultiSub>();
  /** Rows last sent, by account then conId, so a position that closes is reported once more with size 0. */
  private readonly sentPositions = new Map<string, Map<number, PositionRow>>();
  private readonly sentPortfolio = new Map<number, PortfolioRow>();
  private cancelPnlTimer: (() => void) | undefined;
  private readonly unsubscribe: () => void;

  constructor(private readonly s: SessionContext) {
    this.unsubscribe = s.engine.on('account', (account: string) => this.onAccountChanged(account));
  }

  handle(req: AccountRequest): void {
    switch (req.kind) {
      case 'reqAccountUpdates': {
        if (!req.subscribe) {
          this.updatesAccount = undefined;
          return;
        }
        const account = req.account || this.s.engine.accounts[0];
        if (!account || !this.s.engine.accounts.includes(account)) {
          return this.s.error(-1, SimCode.REQUEST_INVALID, `Error validating request.-'bN' : cause - Invalid account code ${req.account}`);
        }
        this.updatesAccount = account;
        this.sendAccountUpdates(account);
        this.s.send(accountDownloadEnd(account));
        return;
      }
      case 'reqAccountSummary': {
        const all = req.tags.length === 0 || req.tags.some((t) => t.toUpperCase() === 'ALL');
        this.summaries.set(req.reqId, { tags: all ? 'all' : new Set(req.tags), ledger: ledgerWanted(req.tags) });
        this.sendSummary(req.reqId, undefined);
        this.s.send(accountSummaryEnd(req.reqId));
        return;
      }
      case 'cancelAccountSummary':
        this.summaries.delete(req.reqId);
        return;
      case 'reqPositions':
        this.positionsOn = true;
        this.sentPositions.clear();
        this.sendPositions(undefined);
        this.s.send(positionEnd());
        return;
      case 'cancelPositions':
        this.positionsOn = false;
        return;
      case 'reqPnL':
        if (!this.s.engine.accounts.includes(req.account)) return this.s.error(req.reqId, SimCode.REQUEST_INVALID, `Error validating request.-'bN' : cause - Invalid account code ${req.account}`);
        this.pnlSubs.set(req.reqId, req.account);
        this.sendPnl(req.reqId, req.account);
        this.ensurePnlTimer();
        return;
      case 'cancelPnL':
        this.pnlSubs.delete(req.reqId);
        return;
      case 'reqPnLSingle': {
        if (!this.s.engine.accounts.includes(req.account)) return this.s.error(req.reqId, SimCode.REQUEST_INVALID, `Error validating request.-'bN' : cause - Invalid account code ${req.account}`);
        this.pnlSingleSubs.set(req.reqId, { account: req.account, conId: req.conId });
        this.sendPnlSingle(req.reqId, req.account, req.conId);
        this.ensurePnlTimer();
        return;
      }
      case 'cancelPnLSingle':
        this.pnlSingleSubs.delete(req.reqId);
        return;
      case 'reqPositionsMulti': {
        const accounts = this.multiAccounts(req.reqId, req.account, req.modelCode);
        if (!accounts) return;
        const sub = { account: req.account, modelCode: req.modelCode };
        this.positionsMulti.set(req.reqId, sub);
        for (const a of accounts) this.sendPositionsMulti(req.reqId, sub, a);
        this.s.send(positionMultiEnd(req.reqId));
        return;
      }
      case 'cancelPositionsMulti':
        this.positionsMulti.delete(req.reqId);
        return;
      case 'reqAccountUpdatesMulti': {
        const accounts = this.multiAccounts(req.reqId, req.account, req.modelCode);
        if (!accounts) return;
        const sub = { account: req.account, modelCode: req.modelCode, ledgerAndNLV: req.ledgerAndNLV };
        this.updatesMulti.set(req.reqId, sub);
        for (const a of accounts) this.sendUpdatesMulti(req.reqId, sub, a);
        this.s.send(accountUpdateMultiEnd(req.reqId));
        return;
      }
      case 'cancelAccountUpdatesMulti':
        this.updatesMulti.delete(req.reqId);
        return;
    }
  }

  /**
   * The accounts a per-account request covers: one account, or every account for "" / "All";
   * with a model code, the accounts that have positions in that model. A model no account uses,
   * or an account outside this login, is refused as IB refuses it (321).
   */
  private multiAccounts(reqId: number, account: string, modelCode: string): string[] | undefined {
    const every = account === '' || account.toUpperCase() === 'ALL';
    if (!every && !this.s.engine.accounts.includes(account)) {
      this.s.error(reqId, SimCode.REQUEST_INVALID, `Error validating request.-'bM' : cause - Invalid account code ${account}`);
      return undefined;
    }
    const accounts = every ? [...this.s.engine.accounts] : [account];
    const model = modelCode.trim();
    if (model === '') return accounts;
    const withModel = accounts.filter((a) => this.s.engine.models(a).includes(model));
    if (withModel.length === 0) {
      this.s.error(reqId, SimCode.REQUEST_INVALID, `Error validating request.-'bM' : cause - Invalid model code ${modelCode}`);
      return undefined;
    }
    return withModel;
  }

  private covers(sub: MultiSub, account: string): boolean {
    return sub.account === '' || sub.account.toUpperCase() === 'ALL' || sub.account === account;
  }

  private sendPositionsMulti(reqId: number, sub: MultiSub, account: string): void {
    for (const row of this.s.engine.positions(account, sub.modelCode.trim() || undefined)) {
      this.s.send(positionMulti(reqId, account, sub.modelCode, row.contract, row.pos, row.avgCost));
    }
  }

  private sendUpdatesMulti(reqId: number, sub: MultiSub, account: string): void {
    for (const v of this.s.engine.accountValues(account, sub.modelCode.trim() || undefined)) {
      if (sub.ledgerAndNLV && !LEDGER_KEYS.has(v.key)) continue;
      this.s.send(accountUpdateMulti(reqId, account, sub.modelCode, v.key, v.value, v.currency));
    }
  }

  close(): void {
    this.unsubscribe();
    this.cancelPnlTimer?.();
    this.cancelPnlTimer = undefined;
    this.summaries.clear();
    this.pnlSubs.clear();
    this.pnlSingleSubs.clear();
    this.positionsMulti.clear();
    this.updatesMulti.clear();
  }

  private onAccountChanged(account: string): void {
    if (this.updatesAccount === account) this.sendAccountUpdates(account);
    for (const reqId of this.summaries.keys()) this.sendSummary(reqId, account);
    if (this.positionsOn) this.sendPositions(account);
    for (const [reqId, a] of this.pnlSubs) if (a === account) this.sendPnl(reqId, a);
    for (const [reqId, sub] of this.pnlSingleSubs) if (sub.account === account) this.sendPnlSingle(reqId, sub.account, sub.conId);
    for (const [reqId, sub] of this.positionsMulti) if (this.covers(sub, account)) this.sendPositionsMulti(reqId, sub, account);
    for (const [reqId, sub] of this.updatesMulti) if (this.covers(sub, account)) this.sendUpdatesMulti(reqId, sub, account);
  }

  private sendPositions(account: string | undefined): void {
    const rows = this.s.engine.positions(account);
    const accounts = account === undefined ? this.s.engine.accounts : [account];
    for (const a of accounts) {
      const before = this.sentPositions.get(a) ?? new Map<number, PositionRow>();
      const now = new Map<number, PositionRow>();
      for (const row of rows) if (row.account === a) now.set(row.contract.conId ?? 0, row);
      for (const [conId, row] of before) if (!now.has(conId)) this.s.send(position(a, row.contract, 0, 0));
      for (const row of now.values()) this.s.send(position(row.account, row.contract, row.pos, row.avgCost));
      this.sentPositions.set(a, now);
    }
  }

  private sendAccountUpdates(account: string): void {
    for (const v of this.s.engine.accountValues(account)) this.s.send(accountValue(v.key, v.value, v.currency, account));
    const rows = new Map<number, PortfolioRow>();
    for (const row of this.s.engine.portfolio(account)) rows.set(row.contract.conId ?? 0, row);
    for (const [conId, row] of this.sentPortfolio) {
      if (rows.has(conId) || row.account !== account) continue;
      // A position closed since the last push: TWS sends the row once more with position 0.
      this.s.send(portfolioValue({ contract: row.contract, position: 0, marketPrice: row.marketPrice, marketValue: 0, averageCost: 0, unrealizedPNL: 0, realizedPNL: row.realizedPNL, account }));
    }
    this.sentPortfolio.clear();
    for (const row of rows.values()) {
      this.sentPortfolio.set(row.contract.conId ?? 0, row);
      this.s.send(portfolioValue({
        contract: row.contract, position: row.pos, marketPrice: row.marketPrice, marketValue: row.marketValue,
        averageCost: row.avgCost, unrealizedPNL: row.unrealizedPNL, realizedPNL: row.realizedPNL, account,
      }));
    }
    this.s.send(accountUpdateTime(twsAccountTime(this.s.clock.now())));
  }

  private sendSummary(reqId: number, onlyAccount: string | undefined): void {
    const sub = this.summaries.get(reqId);
    if (!sub) return;
    for (const account of this.s.engine.accounts) {
      if (onlyAccount !== undefined && account !== onlyAccount) continue;
      for (const row of this.s.engine.accountSummary(account)) {
        if (sub.tags !== 'all' && !sub.tags.has(row.tag)) continue;
        this.s.send(accountSummary(reqId, account, row.tag, row.value, row.currency));
      }
      const l = sub.ledger;
      if (!l.base && !l.all && l.currencies.size === 0) continue;
      const base = this.s.engine.baseCurrency(account);
      for (const row of this.s.engine.accountLedger(account)) {
        // $LEDGER alone is the base currency's view; a named currency that is the base is the BASE rows too.
        const wanted = l.all || (row.currency === 'BASE' ? l.base || (base !== undefined && l.currencies.has(base)) : l.currencies.has(row.currency));
        if (wanted) this.s.send(accountSummary(reqId, account, row.tag, row.value, row.currency));
      }
    }
  }

  private sendPnl(reqId: number, account: string): void {
    const p = this.s.engine.pnl(account);
    this.s.send(pnl(this.s.version, reqId, p.dailyPnL, p.unrealizedPnL, p.realizedPnL));
  }

  private sendPnlSingle(reqId: number, account: string, conId: number): void {
    const p = this.s.engine.pnlSingle(account, conId);
    // TWS answers a position the account does not hold with zeros rather than an error.
    if (!p) this.s.send(pnlSingle(this.s.version, reqId, 0, 0, 0, 0, 0));
    else this.s.send(pnlSingle(this.s.version, reqId, p.pos, p.dailyPnL, p.unrealizedPnL, p.realizedPnL, p.value));
  }

  private ensurePnlTimer(): void {
    if (this.cancelPnlTimer) return;
    const tick = (): void => {
      this.cancelPnlTimer = undefined;
      if (this.pnlSubs.size === 0 && this.pnlSingleSubs.size === 0) return;
      if (!this.s.faults.connectivityLost) {
        for (const [reqId, a] of this.pnlSubs) this.sendPnl(reqId, a);
        for (const [reqId, sub] of this.pnlSingleSubs) this.sendPnlSingle(reqId, sub.account, sub.conId);
      }
      this.cancelPnlTimer = this.s.clock.schedule(this.s.clock.now() + PNL_INTERVAL_MS, tick);
    };
    this.cancelPnlTimer = this.s.clock.schedule(this.s.clock.now() + PNL_INTERVAL_MS, tick);
  }
}
