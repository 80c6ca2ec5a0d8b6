import { EventName } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { readOptionComputation } from '../../../src/main/broker/option-computation';
import { tickOptionComputation } from '../../../src/sim/wire/outgoing/market-data';
import { decodeAt } from '../sim-wire/library-codec';

// The TWS wire format of TICK_OPTION_COMPUTATION: [version below 156], reqId, tickType, [tickAttrib from 156],
// impliedVol, delta, optPrice, pvDividend, gamma, vega, theta, undPrice. The simulator writes exactly that.
const VERSIONS = [100, 124, 155, 156, 157, 164, 176, 178, 187, 193];
const model = { impliedVol: 0.27, delta: -0.41, optPrice: 4.1, pvDividend: 0.3, gamma: 0.04, vega: 0.21, theta: -0.08, undPrice: 190.2 };

describe('option computation ticks as @stoqey/ib 1.6.10 decodes them', () => {
  for (const v of VERSIONS) {
    it(`puts every greek in its own place at server version ${v}`, () => {
      const decoded = decodeAt(v, tickOptionComputation(v, 21, 13, 1, model), tickOptionComputation(v, 22, 13, 0, {}));
      expect(decoded.errors).toEqual([]);
      const ticks = decoded.events.filter((e) => e.name === EventName.tickOptionComputation).map((e) => readOptionComputation(e.args));
      expect(ticks[0]).toEqual({
        reqId: 21, tickType: 13, tickAttrib: v >= 156 ? 1 : null, optionPrice: 4.1,
        greeks: { impliedVol: 0.27, delta: -0.41, gamma: 0.04, vega: 0.21, theta: -0.08, underlyingPrice: 190.2 },
      });
      // TWS's "not computed" markers are unknowns, never numbers.
      expect(ticks[1]!.greeks).toEqual({ impliedVol: null, delta: null, gamma: null, vega: null, theta: null, underlyingPrice: null });
    });
  }

  it('refuses values that cannot be greeks (what a reader one slot off would show) and ticks that are not computations', () => {
    expect(readOptionComputation([1, 13, 1, 0.3, 4.1, 0.2, 0, 1, 1, 1, 1])!.greeks.delta).toBeNull();
    expect(readOptionComputation([1, 13, 1, -0.5, 0.5, 1, 0, 1, 1, 1, 1])!.greeks.impliedVol).toBeNull();
    expect(readOptionComputation([1, 4, 1, 0.3, 0.5])).toBeUndefined();
  });

  it('shows no gamma, vega or price TWS marks as not computed (-2, -1) or that no option can have', () => {
    // reqId, tickType, tickAttrib, iv, delta, optPrice, pvDividend, gamma, vega, theta, undPrice
    const tick = readOptionComputation([1, 13, 1, 0.25, 0.5, -1, -1, -2, -2, -0.05, -1])!;
    expect(tick.greeks).toMatchObject({ gamma: null, vega: null, underlyingPrice: null, delta: 0.5, theta: -0.05 });
    expect(tick.optionPrice).toBeNull();
  });
});
