import { describe, expect, it } from 'vitest';
import { OptionChainRequests } from '../../../src/main/broker/option-chain-requests';

describe('one option\'s snapshot in a chain', () => {
  it('goes on after a warning (delayed data), marked, with the delayed figures', async () => {
    const chains = new OptionChainRequests();
    const answer = chains.expectSnapshot(7, 5_000);
    expect(chains.onError(7, 10167, 'Requested market data is not subscribed. Displaying delayed market data.')).toBe(true);
    chains.onTickPrice(7, 66, 1.1);
    chains.onTickPrice(7, 67, 1.2);
    chains.onSnapshotEnd(7);
    const snap = await answer;
    expect(snap).toMatchObject({ bid: 1.1, ask: 1.2, delayed: true });
    expect(snap.notes).toEqual([expect.stringContaining('delayed')]);
  });

  it('answers with what came and why on an error, instead of failing the chain', async () => {
    const chains = new OptionChainRequests();
    const answer = chains.expectSnapshot(8, 5_000);
    chains.onTickPrice(8, 1, 2.5);
    expect(chains.onError(8, 354, 'Requested market data is not subscribed.')).toBe(true);
    const snap = await answer;
    expect(snap).toMatchObject({ bid: 2.5, ask: null, delayed: false });
    expect(snap.notes).toEqual(['This account has no market data subscription for the symbol.']);
  });

  it('still fails the chain when its parameters fail', async () => {
    const chains = new OptionChainRequests();
    const answer = chains.expectParams(9, 5_000);
    chains.onError(9, 200, 'No security definition has been found for the request.');
    await expect(answer).rejects.toThrow('IB does not know this contract.');
  });
});
