import type { Contract } from '@stoqey/ib';
import type { FieldReader } from '../fields';
import { readContract, readShortComboLegs } from './contract-fields';
import { V } from '../versions';

export interface ReqMktData {
  kind: 'reqMktData';
  reqId: number;
  contract: Contract;
  genericTickList: string;
  snapshot: boolean;
  regulatorySnapshot: boolean;
}

/** REQ_MKT_DATA version 11; regulatorySnapshot from REQ_SMART_COMPONENTS on. */
export function parseReqMktData(r: FieldReader, v: number): ReqMktData {
  r.int('version');
  const reqId = r.int('reqId');
  const contract = readContract(r);
  readShortComboLegs(r, contract);
  if (r.bool('deltaNeutralContract flag')) {
    contract.deltaNeutralContract = { conId: r.int('conId'), delta: r.double('delta'), price: r.double('price') };
  }
  const genericTickList = r.str('genericTickList');
  const snapshot = r.bool('snapshot');
  const regulatorySnapshot = v >= V.REQ_SMART_COMPONENTS ? r.bool('regulatorySnapshot') : false;
  r.str('mktDataOptions');
  return { kind: 'reqMktData', reqId, contract, genericTickList, snapshot, regulatorySnapshot };
}

export function parseCancelMktData(r: FieldReader): { kind: 'cancelMktData'; reqId: number } {
  r.int('version');
  return { kind: 'cancelMktData', reqId: r.int('reqId') };
}

export function parseReqMarketDataType(r: FieldReader): { kind: 'reqMarketDataType'; marketDataType: number } {
  r.int('version');
  return { kind: 'reqMarketDataType', marketDataType: r.int('marketDataType') };
}
