import type { ContractDetails } from '@stoqey/ib';
import type { GatewayLink } from './gateway-link';
import { positiveOrNull } from './ib-mappers';
import type { PortfolioModel } from './portfolio-model';
import type { RequestBook } from './request-book';

/** Held contracts are asked behind every other request, so a household's lookups may wait in the queue a while. */
const LOOKUP_TIMEOUT_MS = 60_000;

/**
 * IB's position report carries no price magnifier (an LSE share is quoted
 * in pence, its currency is GBP) and may leave a derivative's multiplier
 * out. Until IB's contract details say, the position's own figures cannot
 * be computed; this asks them for every held contract that waits on them,
 * once per contract and connection, behind everything a person waits on.
 * A lookup that fails is asked again at the next chance (a new position, a
 * reconnect); until then the figures stay unknown.
 */
export class HeldTermsLookup {
  private readonly asked = new Set<number>();

  constructor(
    private readonly portfolio: PortfolioModel,
    private readonly requests: RequestBook,
    private readonly timeoutMs = LOOKUP_TIMEOUT_MS,
  ) {}

  /** A new connection: nothing is in flight on it. */
  reset(): void {
    this.asked.clear();
  }

  askMissing(link: GatewayLink, nextReqId: () => number): void {
    for (const held of this.portfolio.contractsWithoutTerms()) {
      if (this.asked.has(held.conId)) continue;
      this.asked.add(held.conId);
      const reqId = nextReqId();
      const answer = this.requests.expectDetails(reqId, this.timeoutMs);
      link.send('background', (api) => api.reqContractDetails(reqId, { conId: held.conId }));
      answer.then(
        (rows) => this.learn(held.conId, rows),
        () => this.asked.delete(held.conId),
      );
    }
  }

  private learn(conId: number, rows: readonly ContractDetails[]): void {
    const details = rows.find((d) => d.contract?.conId === conId);
    if (!details) {
      this.asked.delete(conId);
      return;
    }
    this.portfolio.applyContractTerms(conId, { priceMagnifier: positiveOrNull(details.priceMagnifier), multiplier: positiveOrNull(details.contract.multiplier) });
  }
}
