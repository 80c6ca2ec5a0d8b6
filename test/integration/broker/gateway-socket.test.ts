import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayLink, tcpSocketOf } from '../../../src/main/broker/gateway-link';
import { startSimGateway, type SimGateway } from '../../../src/sim/index';
import { TradingHoursClock } from '../../support/trading-hours-clock';
import { waitFor } from '../../support/wait';

describe('the gateway socket', () => {
  let sim: SimGateway | undefined;
  let link: GatewayLink | undefined;
  afterEach(async () => {
    link?.dispose();
    link = undefined;
    await sim?.close();
    sim = undefined;
  });

  // The link turns Nagle's algorithm off on the library's private socket; if
  // an upgrade of @stoqey/ib moves it, this fails rather than orders quietly
  // waiting ~40 ms in the kernel again.
  it('reaches the TCP socket inside the client to send orders without delay', async () => {
    sim = await startSimGateway({ host: '127.0.0.1', port: 0, seed: 2, clock: new TradingHoursClock() });
    link = new GatewayLink({ host: sim.host, port: sim.port, clientId: 9 }, 1);
    link.connect();
    const socket = tcpSocketOf(link.api);
    expect(socket).toBeInstanceOf(Socket);
    await waitFor(() => link?.connected, 'the link to connect');
    expect(socket?.remotePort).toBe(sim.port);
  });
});
