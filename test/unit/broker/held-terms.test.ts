import type { Contract, ContractDetails } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import type { GatewayLink } from '../../../src/main/broker/gateway-link';
import { HeldTermsLookup } from '../../../src/main/broker/held-terms';
import { heldContractOf } from '../../../src/main/broker/ib-mappers';
import { PortfolioModel } from '../../../src/main/broker/portfolio-model';
import { RequestBook } from '../../../src/main/broker/request-book';

/** A link that records what would go on the socket, and on which lane. */
function recordingLink() {
  const sent: { lane: string; reqId: number; contract: Contract }[] = [];
  const link = {
    send: (lane: string, request: (api: unknown) => void) => {
      request({ reqContractDetails: (reqId: number, contract: Contract) => sent.push({ lane, reqId, contract }) });
      return true;
    },
  } as unknown as GatewayLink;
  return { link, sent };
}

const report = (conId: number, symbol: string, secType: string, currency: string, multiplier = '') =>
  heldContractOf({ conId, symbol, localSymbol: symbol, secType: secType as Contract['secType'], currency, multiplier: multiplier as unknown as number })!;

describe('IB’s contract details for held contracts', () => {
  it('are asked, behind everything else, only for contracts whose value waits on them, once each', async () => {
    const model = new PortfolioModel(() => 1);
    model.applyPosition('U1', report(1, 'AAPL', 'STK', 'USD'), 10, 150);
    model.applyPosition('U1', report(2, 'HSBA', 'STK', 'GBP'), 1000, 7);
    model.applyPosition('U1', report(3, 'XYZ 261218C00050000', 'OPT', 'USD'), 1, 100);
    const requests = new RequestBook();
    const lookup = new HeldTermsLookup(model, requests, 1000);
    const { link, sent } = recordingLink();
    let id = 100;
    lookup.askMissing(link, () => id++);
    lookup.askMissing(link, () => id++);
    expect(sent.map((s) => [s.lane, s.contract.conId])).toEqual([['background', 2], ['background', 3]]);

    requests.onDetails(sent[0]!.reqId, { contract: { conId: 2, multiplier: 1 }, priceMagnifier: 100 } as unknown as ContractDetails);
    requests.onDetailsEnd(sent[0]!.reqId);
    requests.onDetails(sent[1]!.reqId, { contract: { conId: 3, multiplier: '100' }, priceMagnifier: 1 } as unknown as ContractDetails);
    requests.onDetailsEnd(sent[1]!.reqId);
    await Promise.resolve();
    const byConId = new Map(model.snapshot().positions.map((p) => [p.conId, p]));
    expect(byConId.get(2)).toMatchObject({ unvalued: null, multiplier: 1 });
    expect(byConId.get(3)).toMatchObject({ unvalued: null, multiplier: 100 });
    lookup.reset();
    lookup.askMissing(link, () => id++);
    expect(sent).toHaveLength(2);
  });

  it('are asked again after a lookup that failed: until then the figures stay unknown', async () => {
    const model = new PortfolioModel(() => 1);
    model.applyPosition('U1', report(2, 'HSBA', 'STK', 'GBP'), 1000, 7);
    const requests = new RequestBook();
    const lookup = new HeldTermsLookup(model, requests, 1000);
    const { link, sent } = recordingLink();
    let id = 100;
    lookup.askMissing(link, () => id++);
    requests.onDetailsEnd(sent[0]!.reqId); // IB answered with nothing
    await Promise.resolve();
    expect(model.snapshot().positions[0]!.unvalued).toContain('price magnifier');
    lookup.askMissing(link, () => id++);
    expect(sent.map((s) => s.contract.conId)).toEqual([2, 2]);
  });
});
