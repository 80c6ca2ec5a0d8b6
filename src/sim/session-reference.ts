// Reference data and tick history for one session: symbol search, market
// rules, option chain parameters, head timestamp, histogram, historical ticks,
// user info and Wall Street Horizon calendars. Each is a one-shot answer.
import type { SessionContext } from './session';
import type { ClientRequest } from './wire/incoming';
import {
  headTimestamp, histogramData, historicalTicksBidAsk, historicalTicksLast, historicalTicksMid, marketRule,
  securityDefinitionOptionParameter, securityDefinitionOptionParameterEnd, symbolSamples, userInfo, wshEventData, wshMetaData,
} from './wire/outgoing/reference-data';
import { NO_SECURITY } from './session-market-data';
import { SimCode } from './wire/ib-codes';

type ReferenceRequest = Extract<ClientRequest, { kind:
  'reqMatchingSymbols' | 'reqMarketRule' | 'reqSecDefOptParams' | 'reqHeadTimestamp' | 'cancelHeadTimestamp' | 'reqHistogramData' |
  'cancelHistogramData' | 'reqHistoricalTicks' | 'reqUserInfo' | 'reqWshMetaData' | 'cancelWshMetaData' | 'reqWshEventData' | 'cancelWshEventData' }>;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Head timestamp as TWS writes it: "yyyyMMdd-HH:mm:ss" (UTC) at formatDate 1, epoch seconds at 2. */
function formatHead(ms: number, formatDate: number): string {
  if (formatDate === 2) return String(Math.floor(ms / 1000));
  const d = new Date(ms);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}-${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

const WSH_META = JSON.stringify({
  provider: 'Simulated Wall Street Horizon',
  event_types: [{ tag: 'wshe_ed', name: 'Earnings Date' }, { tag: 'wshe_div', name: 'Dividend' }],
  filters: [{ tag: 'watchlist', name: 'Watchlist' }, { tag: 'portfolio', name: 'Portfolio' }],
});

export class ReferenceData {
  constructor(private readonly s: SessionContext) {}

  handle(req: ReferenceRequest): void {
    const { s } = this;
    const e = s.engine;
    switch (req.kind) {
      case 'reqMatchingSymbols':
        s.send(symbolSamples(s.version, req.reqId, e.matchingSymbols(req.pattern)));
        return;
      case 'reqMarketRule': {
        const rule = e.marketRule(req.marketRuleId);
        if (!rule) return s.error(-1, SimCode.REQUEST_INVALID, `Error validating request.-'bP' : cause - Invalid market rule id ${req.marketRuleId}`);
        s.send(marketRule(req.marketRuleId, rule));
        return;
      }
      case 'reqSecDefOptParams': {
        const underlying = req.underlyingConId ? e.resolve({ conId: req.underlyingConId }) : e.resolve({ symbol: req.underlyingSymbol });
        if (!underlying) return s.error(req.reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
        for (const chain of e.optionChains(underlying.contract.conId ?? 0, req.futFopExchange)) {
          s.send(securityDefinitionOptionParameter(req.reqId, chain));
        }
        s.send(securityDefinitionOptionParameterEnd(req.reqId));
        return;
      }
      case 'reqHeadTimestamp': {
        const d = e.resolve(req.contract);
        const head = d?.contract.conId !== undefined ? e.headTimestamp(d.contract.conId) : undefined;
        if (head === undefined) return s.error(req.reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
        s.send(headTimestamp(req.reqId, formatHead(head, req.formatDate)));
        return;
      }
      case 'reqHistogramData': {
        const d = e.resolve(req.contract);
        if (!d?.contract.conId) return s.error(req.reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
        let items;
        try {
          items = e.histogram(d.contract.conId, req.useRTH, req.timePeriod);
        } catch (err) {
          return s.error(req.reqId, SimCode.REQUEST_INVALID, `Error validating request.-'bP' : cause - ${(err as Error).message}`);
        }
        s.send(histogramData(req.reqId, items));
        return;
      }
      case 'reqHistoricalTicks': {
        const d = e.resolve(req.contract);
        if (!d?.contract.conId) return s.error(req.reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
        const what = req.whatToShow.toUpperCase();
        if (!['TRADES', 'BID_ASK', 'MIDPOINT'].includes(what)) {
          return s.error(req.reqId, SimCode.HISTORICAL_DATA_SERVICE, `Historical Market Data Service error message:Invalid whatToShow ${req.whatToShow} for ticks`);
        }
        let ticks;
        try {
          ticks = e.historicalTicks(d.contract.conId, req);
        } catch (err) {
          return s.error(req.reqId, SimCode.HISTORICAL_DATA_SERVICE, `Historical Market Data Service error message:${(err as Error).message}`);
        }
        if (what === 'TRADES') s.send(historicalTicksLast(req.reqId, ticks, true));
        else if (what === 'MIDPOINT') s.send(historicalTicksMid(req.reqId, ticks.map((t) => ({ time: t.time, price: t.price })), true));
        else {
          s.send(historicalTicksBidAsk(req.reqId, ticks.map((t) => ({
            time: t.time, bid: Math.round((t.price - 0.01) * 100) / 100, ask: Math.round((t.price + 0.01) * 100) / 100, bidSize: t.size, askSize: t.size,
          })), true));
        }
        return;
      }
      case 'reqUserInfo':
        // An account that is not a white-branded (introducing broker) one has an empty branding id.
        s.send(userInfo(req.reqId, ''));
        return;
      case 'reqWshMetaData':
        s.send(wshMetaData(req.reqId, WSH_META));
        return;
      case 'reqWshEventData': {
        if (req.conId === undefined) {
          return s.error(req.reqId, SimCode.REQUEST_INVALID, "Error validating request.-'bX' : cause - a contract id is required for Wall Street Horizon event data");
        }
        s.send(wshEventData(req.reqId, JSON.stringify(e.calendarEvents(req.conId))));
        return;
      }
      case 'cancelHeadTimestamp':
      case 'cancelHistogramData':
      case 'cancelWshMetaData':
      case 'cancelWshEventData':
        // Answered at once: nothing is left in flight to cancel.
        return;
    }
  }
}
