import type { FieldReader } from '../fields';

export function parseReqPositions(r: FieldReader): { kind: 'reqPositions' } {
  r.int('version');
  return { kind: 'reqPositions' };
}

export function parseCancelPositions(r: FieldReader): { kind: 'cancelPositions' } {
  r.int('version');
  return { kind: 'cancelPositions' };
}

export interface ReqAccountSummary { kind: 'reqAccountSummary'; reqId: number; group: string; tags: string[] }

export function parseReqAccountSummary(r: FieldReader): ReqAccountSummary {
  r.int('version');
  const reqId = r.int('reqId');
  const group = r.str('group');
  const tags = r.str('tags').split(',').map((t) => t.trim()).filter((t) => t.length > 0);
  return { kind: 'reqAccountSummary', reqId, group, tags };
}

export function parseCancelAccountSummary(r: FieldReader): { kind: 'cancelAccountSummary'; reqId: number } {
  r.int('version');
  return { kind: 'cancelAccountSummary', reqId: r.int('reqId') };
}

export interface ReqAccountUpdates { kind: 'reqAccountUpdates'; subscribe: boolean; account: string }

export function parseReqAccountUpdates(r: FieldReader): ReqAccountUpdates {
  r.int('version');
  const subscribe = r.bool('subscribe');
  return { kind: 'reqAccountUpdates', subscribe, account: r.str('acctCode') };
}

export interface ReqPnL { kind: 'reqPnL'; reqId: number; account: string; modelCode: string }

/** REQ_PNL carries no version field. */
export function parseReqPnL(r: FieldReader): ReqPnL {
  return { kind: 'reqPnL', reqId: r.int('reqId'), account: r.str('account'), modelCode: r.str('modelCode') };
}

export function parseCancelPnL(r: FieldReader): { kind: 'cancelPnL'; reqId: number } {
  return { kind: 'cancelPnL', reqId: r.int('reqId') };
}

export interface ReqPnLSingle { kind: 'reqPnLSingle'; reqId: number; account: string; modelCode: string; conId: number }

export function parseReqPnLSingle(r: FieldReader): ReqPnLSingle {
  return { kind: 'reqPnLSingle', reqId: r.int('reqId'), account: r.str('account'), modelCode: r.str('modelCode'), conId: r.int('conId') };
}

export function parseCancelPnLSingle(r: FieldReader): { kind: 'cancelPnLSingle'; reqId: number } {
  return { kind: 'cancelPnLSingle', reqId: r.int('reqId') };
}
