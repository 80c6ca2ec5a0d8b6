import type { FieldReader } from '../fields';

export interface StartApi { kind: 'startApi'; clientId: number; optionalCapabilities: string }

/** START_API version 2 with optional capabilities. */
export function parseStartApi(r: FieldReader): StartApi {
  r.int('version');
  const clientId = r.int('clientId');
  const optionalCapabilities = r.remaining > 0 ? r.str('optionalCapabilities') : '';
  return { kind: 'startApi', clientId, optionalCapabilities };
}

export function parseReqIds(r: FieldReader): { kind: 'reqIds'; numIds: number } {
  r.int('version');
  return { kind: 'reqIds', numIds: r.int('numIds') };
}

export function parseReqManagedAccts(r: FieldReader): { kind: 'reqManagedAccts' } {
  r.int('version');
  return { kind: 'reqManagedAccts' };
}

export function parseReqCurrentTime(r: FieldReader): { kind: 'reqCurrentTime' } {
  r.int('version');
  return { kind: 'reqCurrentTime' };
}
