import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../src/sim/cli-args';

describe('the simulator command line', () => {
  it('reads every option in both spellings another developer would type', () => {
    expect(parseCliArgs([])).toEqual({ host: '127.0.0.1', port: 4002, seed: 7, tickMs: undefined, held: undefined, extra: undefined, alwaysOpen: false, pacing: true });
    // --port=4003 was refused as an unknown option before.
    expect(parseCliArgs(['--port=4003', '--seed', '9', '--tick-ms', '100', '--held=3', '--extra-symbols', '2', '--always-open', '--no-pacing', '--host', '0.0.0.0']))
      .toEqual({ host: '0.0.0.0', port: 4003, seed: 9, tickMs: 100, held: 3, extra: 2, alwaysOpen: true, pacing: false });
    expect(parseCliArgs(['-h'])).toBe('help');
    expect(parseCliArgs(['--port', '1', '--help'])).toBe('help');
  });

  it('refuses a misspelt option, a missing value, a stray word and a count that is not one', () => {
    expect(() => parseCliArgs(['--prot', '4002'])).toThrow(/--prot.*try --help/);
    expect(() => parseCliArgs(['--port'])).toThrow(/--port/);
    expect(() => parseCliArgs(['4002'])).toThrow(/4002/);
    expect(() => parseCliArgs(['--port', '-1'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--seed', 'abc'])).toThrow('--seed expects a non-negative integer, got "abc"');
    expect(() => parseCliArgs(['--held', '2.5'])).toThrow('--held expects a non-negative integer');
    expect(() => parseCliArgs(['--tick-ms='])).toThrow('--tick-ms expects a non-negative integer');
  });
});
