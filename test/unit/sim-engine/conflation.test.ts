// A client that reads slower than the market writes: quote lines skip
// updates while the session's backlog is over its limit, then each line
// catches up with one message carrying the latest state, so a slow reader
// costs the simulator no growing buffer and never leaves a line stale.
import { afterEach, describe, expect, it } from 'vitest';
import { FaultState } from '../../../src/sim/faults';
import type { SessionContext } from '../../../src/sim/session';
import { MarketDataStreams } from '../../../src/sim/session-market-data';
import { parseClientMessage } from '../../../src/sim/wire/incoming';
import { conIdOf, rig, type Rig } from './support';

let r: Rig;
afterEach(() => r?.engine.close());

function session(): { ctx: SessionContext; sent: string[][]; setCongested(on: boolean): void } {
  const sent: string[][] = [];
  let congested = false;
  let waiters: (() => void)[] = [];
  const ctx = {
    host: { syntheticLive: false } as SessionContext['host'], engine: r.engine, clock: r.clock, faults: new FaultState(), clientId: 1, version: 193,
    send: (f: string[]) => sent.push(f), sendAck: (m: string[][]) => sent.push(...m), error: () => {},
    congested: () => congested,
    whenDrained: (fn: () => void) => (congested ? waiters.push(fn) : fn()),
  } as unknown as SessionContext;
  return {
    ctx, sent,
    setCongested(on) {
      congested = on;
      if (!on) {
        const w = waiters;
        waiters = [];
        for (const fn of w) fn();
      }
    },
  };
}

const bidOf = (sent: string[][], reqId: number): number | undefined => {
  const ticks = sent.filter((f) => f[0] === '1' && f[2] === String(reqId) && f[3] === '1');
  return ticks.length ? Number(ticks.at(-1)![4]) : undefined;
};

describe('market data to a slow reader', () => {
  it('sends nothing while congested, then the latest quote once drained', () => {
    r = rig();
    const s = session();
    const streams = new MarketDataStreams(s.ctx);
    const req = parseClientMessage(['1', '11', '5', '', 'AAPL', 'STK', '', '', '', '', 'SMART', '', 'USD', '', '', '0', '', '0', '0', ''], 193);
    if (!req.ok || req.request.kind !== 'reqMktData') throw new Error('bad request');
    streams.handle(req.request);
    expect(bidOf(s.sent, 5)).toBeDefined();
    s.setCongested(true);
    const before = s.sent.length;
    const aapl = conIdOf(r.engine, 'AAPL');
    const start = r.engine.quote(aapl).bid;
    // Walk until AAPL's bid has moved.
    for (let i = 0; i < 400 && r.engine.quote(aapl).bid === start; i++) r.clock.advance(250);
    for (let i = 0; i < 40; i++) r.clock.advance(250);
    expect(r.engine.quote(aapl).bid).not.toBe(start);
    expect(s.sent.length).toBe(before);
    s.setCongested(false);
    expect(s.sent.length).toBeGreaterThan(before);
    expect(bidOf(s.sent, 5)).toBe(r.engine.quote(aapl).bid);
    streams.close();
  });
});
