import type { Contract } from '@stoqey/ib';
import type { FieldReader } from '../fields';
import { readContract } from './contract-fields';

export interface ReqContractDetails {
  kind: 'reqContractDetails';
  reqId: number;
  contract: Contract;
}

/** REQ_CONTRACT_DATA version 8, with issuerId (BOND_ISSUERID). */
export function parseReqContractDetails(r: FieldReader): ReqContractDetails {
  r.int('version');
  const reqId = r.int('reqId');
  const contract = readContract(r);
  if (r.bool('includeExpired')) contract.includeExpired = true;
  const secIdType = r.optStr('secIdType');
  const secId = r.optStr('secId');
  const issuerId = r.optStr('issuerId');
  if (secIdType !== undefined) contract.secIdType = secIdType;
  if (secId !== undefined) contract.secId = secId;
  if (issuerId !== undefined) contract.issuerId = issuerId;
  return { kind: 'reqContractDetails', reqId, contract };
}
