// A Treasury's contract details travel in their own message (BOND_CONTRACT_DATA):
// what the simulator writes decodes in the library's Decoder at every
// negotiated version with its issue terms, and the request by CUSIP parses.
import { describe, expect, it } from 'vitest';
import { EventName, SecType, type ContractDetails } from '@stoqey/ib';
import { BrokerEngine, ManualClock } from '../../../src/sim/engine';
import { parseClientMessage } from '../../../src/sim/wire/incoming';
import { bondContractData } from '../../../src/sim/wire/outgoing/contract-data';
import { V } from '../../../src/sim/wire/versions';
import { decodeCleanAt, encodeWithLibrary, TEST_VERSIONS } from './library-codec';

const engine = new BrokerEngine({ seed: 7, clock: new ManualClock(Date.UTC(2026, 10, 23, 15, 0)) });
engine.close();
const [note] = engine.findContracts({ secType: SecType.BOND, secIdType: 'CUSIP', secId: '91SIM0031' });

describe.each([...TEST_VERSIONS, V.BOND_TRADING_HOURS])('at server version %i', (v) => {
  it('a Treasury note\'s details decode with CUSIP, coupon, maturity and rules', () => {
    expect(note).toBeDefined();
    const [e] = decodeCleanAt(v, bondContractData(v, 4, note!));
    expect(e!.name).toBe(EventName.bondContractDetails);
    const [reqId, d] = e!.args as [number, ContractDetails];
    expect(reqId).toBe(4);
    expect(d).toMatchObject({ cusip: '91SIM0031', coupon: 4.125, maturity: '20311130', bondType: 'GOVT', descAppend: 'T 4 1/8 11/30/31', callable: false });
    expect(d.contract).toMatchObject({ symbol: 'US-T', secType: 'BOND', currency: 'USD', conId: note!.contract.conId });
    if (v >= V.MARKET_RULES) expect(d.marketRuleIds).toBe('1036');
    if (v >= V.BOND_TRADING_HOURS) expect(d.timeZoneId).toBe('US/Eastern');
  });

  it('the request by CUSIP parses consuming every field', () => {
    const [fields] = encodeWithLibrary((e) => e.reqContractDetails(4, { secType: SecType.BOND, secIdType: 'CUSIP', secId: '91SIM0031', exchange: 'SMART', currency: 'USD' }), v);
    const out = parseClientMessage(fields!, v);
    if (!out.ok) throw new Error(out.detail);
    expect(out.request).toMatchObject({ kind: 'reqContractDetails', reqId: 4, contract: { secType: 'BOND', secIdType: 'CUSIP', secId: '91SIM0031' } });
  });
});
