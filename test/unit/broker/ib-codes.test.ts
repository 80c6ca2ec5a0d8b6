import { ErrorCode } from '@stoqey/ib';
import { describe, expect, it } from 'vitest';
import { IbCode } from '../../../src/main/broker/ib-codes';
import { SimCode } from '../../../src/sim/wire/ib-codes';

// A local name is only for a code @stoqey/ib has no name for: once the
// library names one (an upgrade), this fails and the library's name is to be used.
function namedByLibrary(codes: Record<string, number>, aliases: string[]): string[] {
  return Object.entries(codes)
    .filter(([name, code]) => !aliases.includes(name) && ErrorCode[code] !== undefined)
    .map(([name, code]) => `${name} = ${code} is ErrorCode.${ErrorCode[code]}`);
}

describe("IB's codes by name", () => {
  it('main names locally only the codes the library lacks', () => {
    expect(namedByLibrary(IbCode, ['REQUEST_INVALID'])).toEqual([]);
  });

  it('the simulator names locally only the codes the library lacks', () => {
    const aliases = ['ORDER_CANCELLED', 'REQUEST_INVALID', 'MARKET_DATA_NOT_SUBSCRIBED', 'UNKNOWN_MESSAGE', 'CONNECTIVITY_LOST', 'RESTORED_DATA_LOST', 'RESTORED_DATA_KEPT', 'NEWS_FEED_NOT_ALLOWED'];
    expect(namedByLibrary(SimCode, aliases)).toEqual([]);
    for (const alias of aliases) expect(ErrorCode[SimCode[alias as keyof typeof SimCode]]).toBeDefined();
  });
});
