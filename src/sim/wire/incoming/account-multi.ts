import type { FieldReader } from '../fields';

export interface ReqPositionsMulti { kind: 'reqPositionsMulti'; reqId: number; account: string; modelCode: string }

export function parseReqPositionsMulti(r: FieldReader): ReqPositionsMulti {
  r.int('version');
  return { kind: 'reqPositionsMulti', reqId: r.int('reqId'), account: r.str('account'), modelCode: r.str('modelCode') };
}

export function parseCancelPositionsMulti(r: FieldReader): { kind: 'cancelPositionsMulti'; reqId: number } {
  r.int('version');
  return { kind: 'cancelPositionsMulti', reqId: r.int('reqId') };
}

export interface ReqAccountUpdatesMulti { kind: 'reqAccountUpdatesMulti'; reqId: number; account: string; modelCode: string; ledgerAndNLV: boolean }

export function parseReqAccountUpdatesMulti(r: FieldReader): ReqAccountUpdatesMulti {
  r.int('version');
  return { kind: 'reqAccountUpdatesMulti', reqId: r.int('reqId'), account: r.str('account'), modelCode: r.str('modelCode'), ledgerAndNLV: r.bool('ledgerAndNLV') };
}

export function parseCancelAccountUpdatesMulti(r: FieldReader): { kind: 'cancelAccountUpdatesMulti'; reqId: number } {
  r.int('version');
  return { kind: 'cancelAccountUpdatesMulti', reqId: r.int('reqId') };
}
