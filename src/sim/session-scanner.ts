// Market scanner subscriptions for one session. Like TWS, a subscription is
// answered at once and then refreshed on the sim clock until cancelled.
import type { SessionContext } from './session';
import type { ClientRequest } from './wire/incoming';
import { isScanCode, LOCATIONS, scannerParametersXml } from './engine/scanner';
import { scannerData, scannerParameters } from './wire/outgoing/scanner';
import { SimCode } from './wire/ib-codes';

type ScannerRequest = Extract<ClientRequest, { kind: 'reqScannerParameters' | 'reqScannerSubscription' | 'cancelScannerSubscription' }>;
type Subscription = Extract<ScannerRequest, { kind: 'reqScannerSubscription' }>;

const REFRESH_MS = 30_000;
/** TWS allows this many scanner subscriptions at once per client. */
const MAX_SUBSCRIPTIONS = 10;

export class Scanner {
  private readonly subs = new Map<number, { req: Subscription; cancel: () => void }>();

  constructor(private readonly s: SessionContext) {}

  handle(req: ScannerRequest): void {
    const { s } = this;
    switch (req.kind) {
      case 'reqScannerParameters':
        s.send(scannerParameters(scannerParametersXml()));
        return;
      case 'reqScannerSubscription': {
        if (!isScanCode(req.scanCode)) return s.error(req.reqId, SimCode.HISTORICAL_DATA_SERVICE, `Historical Market Data Service error message:Scanner type with code ${req.scanCode} is not supported`);
        if (req.instrument !== 'STK' || !(LOCATIONS as readonly string[]).includes(req.locationCode)) {
          return s.error(req.reqId, SimCode.HISTORICAL_DATA_SERVICE, `Historical Market Data Service error message:Scanner location ${req.instrument}/${req.locationCode} is not available`);
        }
        this.remove(req.reqId);
        if (this.subs.size >= MAX_SUBSCRIPTIONS) return s.error(req.reqId, SimCode.HISTORICAL_DATA_SERVICE, 'Historical Market Data Service error message:Maximum number of scanner subscriptions reached');
        this.send(req);
        const tick = (): void => {
          if (!this.subs.has(req.reqId)) return;
          this.send(req);
          this.subs.set(req.reqId, { req, cancel: s.clock.schedule(s.clock.now() + REFRESH_MS, tick) });
        };
        this.subs.set(req.reqId, { req, cancel: s.clock.schedule(s.clock.now() + REFRESH_MS, tick) });
        return;
      }
      case 'cancelScannerSubscription':
        this.remove(req.reqId);
        return;
    }
  }

  close(): void {
    for (const id of [...this.subs.keys()]) this.remove(id);
  }

  private remove(reqId: number): void {
    this.subs.get(reqId)?.cancel();
    this.subs.delete(reqId);
  }

  private send(req: Subscription): void {
    if (!isScanCode(req.scanCode)) return;
    const rows = this.s.engine.scan({ ...req, scanCode: req.scanCode }).map((contract, rank) => ({
      rank, contract, marketName: contract.tradingClass ?? '',
    }));
    this.s.send(scannerData(req.reqId, rows));
  }
}
