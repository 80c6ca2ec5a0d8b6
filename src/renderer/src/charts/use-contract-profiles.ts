import { useEffect, useState } from 'react';
import type { ContractProfile } from '../../../shared/chart';
import { rendererApi } from '../api';

/**
 * Sector and type for each held contract, asked of main for the ones not
 * known yet. Main caches IB's answers, so asking again is cheap.
 */
export function useContractProfiles(conIds: readonly number[], sessionReady: boolean): ReadonlyMap<number, ContractProfile> {
  const [profiles, setProfiles] = useState<ReadonlyMap<number, ContractProfile>>(new Map());
  const wanted = [...new Set(conIds)].sort((a, b) => a - b).join(',');
  useEffect(() => {
    if (!sessionReady || wanted === '') return;
    const missing = wanted.split(',').map(Number).filter((conId) => !profiles.has(conId));
    if (missing.length === 0) return;
    let current = true;
    void rendererApi()
      .getContractProfiles({ conIds: missing })
      .then((result) => {
        if (!current || !result.ok) return;
        setProfiles((known) => new Map([...known, ...result.value.map((p) => [p.conId, p] as const)]));
      });
    return () => {
      current = false;
    };
    // `profiles` is left out on purpose: an answer arriving must not trigger another ask.
  }, [wanted, sessionReady]);
  return profiles;
}
