import type { Contract } from '@stoqey/ib';
import type { FieldReader } from '../fields';
import { readContract } from './contract-fields';
import { V } from '../versions';

export interface ReqContractDetails {
  kind: 'reqContractDetails';
  reqId: number;
  contract: Contract;
}

/** REQ_CONTRACT_DATA version 8; issuerId from BOND_ISSUERID on. */
export function parseReqContractDetails(r: FieldReader, v: number): ReqContractDetails {
  r.int('version');
  const reqId = r.int('reqId');
  const contract = readContract(r);
  if (r.bool('includeExpired')) contract.includeExpired = true;
  const secIdType = r.optStr('secIdType');
  const secId = r.optStr('secId');
  const issuerId = v >= V.BOND_ISSUERID ? r.optStr('issuerId') : undefined;
  if (secIdType !== undefined) contract.secIdType = secIdType;
  if (secId !== undefined) contract.secId = secId;
  if (issuerId !== undefined) contract.issuerId = issuerId;
  return { kind: 'reqContractDetails', reqId, contract };
}
