import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventName } from '@stoqey/ib';
import { MARKET_OPEN_MS, RawClient, record, startHarness, until, waitEvent, type Harness } from './support';

let h: Harness;
const raws: RawClient[] = [];
beforeEach(async () => { h = await startHarness(); });
afterEach(async () => {
  for (const r of raws.splice(0)) r.destroy();
  await h.close();
});

describe('handshake and session', () => {
  it('a client gets its accounts, a next valid id and the farm notices', async () => {
    const ib = await h.connect(7);
    const accounts = waitEvent<[string]>(ib, EventName.managedAccounts);
    ib.reqManagedAccts();
    const [list] = await accounts;
    expect(list.split(',')).toEqual(h.sim.accounts);
    expect(h.sim.accounts.length).toBeGreaterThanOrEqual(2);
    expect(h.sim.accounts[0]).toMatch(/^DU/);
    const ids = waitEvent<[number]>(ib, EventName.nextValidId);
    ib.reqIds(1);
    expect((await ids)[0]).toBeGreaterThanOrEqual(1);
  });

  it('reqCurrentTime answers with the simulated clock', async () => {
    const ib = await h.connect(7);
    h.clock.advance(60_000);
    const t = waitEvent<[number]>(ib, EventName.currentTime);
    ib.reqCurrentTime();
    expect((await t)[0]).toBe(Math.floor((MARKET_OPEN_MS + 60_000) / 1000));
  });

  it('a second connection with a client id in use gets 326 and is closed; the first keeps working', async () => {
    const first = await h.connect(7);
    const raw = new RawClient(h.sim.port);
    raws.push(raw);
    raw.hello();
    await until(() => raw.messages.length >= 1, 'server hello');
    raw.send(['71', '2', '7', '']);
    await until(() => raw.closed, 'the duplicate to be closed');
    expect(raw.messages.some((m) => m[0] === '4' && m[3] === '326')).toBe(true);
    const t = waitEvent(first, EventName.currentTime);
    first.reqCurrentTime();
    await t;
  });

  it('the client id is free again once its holder disconnects', async () => {
    const first = await h.connect(8);
    const gone = waitEvent(first, EventName.disconnected);
    first.disconnect();
    await gone;
    await until(() => !h.sim.connectedClientIds().includes(8), 'the sim to notice the disconnect');
    const again = await h.connect(8);
    expect(again.isConnected).toBe(true);
  });

  it('several clients at once, each with its own id', async () => {
    const a = await h.connect(1);
    const b = await h.connect(2);
    const ta = waitEvent(a, EventName.currentTime);
    const tb = waitEvent(b, EventName.currentTime);
    a.reqCurrentTime();
    b.reqCurrentTime();
    await Promise.all([ta, tb]);
  });

  it('the highest common version is negotiated: 100..187 gets 187, 157..178 gets 178', async () => {
    for (const [min, max] of [[100, 187], [157, 178]] as const) {
      const raw = new RawClient(h.sim.port);
      raws.push(raw);
      raw.hello(min, max);
      await until(() => raw.messages.length >= 1, `hello for v${min}..${max}`);
      expect(raw.messages[0]![0]).toBe(String(max));
      expect(raw.closed).toBe(false);
    }
  });

  it('a client whose range misses ours gets a hello with our version, then the socket closes', async () => {
    const raw = new RawClient(h.sim.port);
    raws.push(raw);
    raw.hello(201, 210);
    await until(() => raw.closed, 'the close after the answer');
    expect(raw.messages).toEqual([['193', '20240103 10:00:00 EST']]);
  });

  it('the server hello carries version 193 and an Eastern-time connection time', async () => {
    const raw = new RawClient(h.sim.port);
    raws.push(raw);
    raw.hello();
    await until(() => raw.messages.length >= 1, 'server hello');
    expect(raw.messages[0]).toEqual(['193', '20240103 10:00:00 EST']);
  });

  it('an unknown message id is answered with a notice and the session carries on', async () => {
    const ib = await h.connect(7);
    const infos = record<[string, number]>(ib, EventName.info);
    // News bulletins (12) are outside the simulator's repertoire; send the request through the real client.
    ib.reqNewsBulletins(true);
    await until(() => infos.find(([, code]) => code === 505), 'a 505 notice');
    const t = waitEvent(ib, EventName.currentTime);
    ib.reqCurrentTime();
    await t;
  });

  it('an order message the sim cannot read is rejected against its order id, never half-placed', async () => {
    const raw = new RawClient(h.sim.port);
    raws.push(raw);
    raw.hello();
    await until(() => raw.messages.length >= 1, 'server hello');
    raw.send(['71', '2', '31', '']);
    await until(() => raw.messages.some((m) => m[0] === '9'), 'next valid id');
    raw.send(['3', '77', '0', 'AAPL', 'STK']);
    await until(() => raw.messages.some((m) => m[0] === '4' && m[2] === '77'), 'the rejection');
    const rejection = raw.messages.find((m) => m[0] === '4' && m[2] === '77')!;
    expect(rejection[3]).toBe('201');
    expect(h.sim.engine.openOrders('all').some((o) => o.orderId === 77)).toBe(false);
  });
});

