import { describe, expect, it } from 'vitest';
import { encodeFrame, encodeHello, InboundParser, parseVersionRange, FrameSplitter } from '../../../src/sim/wire/frame';

describe('framing', () => {
  const stream = Buffer.concat([encodeHello(100, 193), encodeFrame(['71', '2', '7', '']), encodeFrame(['49', '1']), encodeFrame(['3', 'é€', ''])]);

  it('parses the hello then messages, whatever the TCP chunking', () => {
    for (const size of [1, 2, 3, 5, 7, 11, stream.length]) {
      const p = new InboundParser();
      const got = [];
      for (let i = 0; i < stream.length; i += size) got.push(...p.push(stream.subarray(i, i + size)));
      expect(got).toEqual([
        { kind: 'hello', hello: { minVersion: 100, maxVersion: 193, options: '' } },
        { kind: 'message', fields: ['71', '2', '7', ''] },
        { kind: 'message', fields: ['49', '1'] },
        { kind: 'message', fields: ['3', 'é€', ''] },
      ]);
    }
  });

  it('rejects a client that does not start with API\\0', () => {
    const p = new InboundParser();
    expect(p.push(Buffer.from('GET / HTTP/1.1\r\n'))).toEqual([{ kind: 'invalid', reason: 'not an API client hello' }]);
    expect(p.push(encodeFrame(['49', '1']))).toEqual([]);
  });

  it('reads version ranges with and without options', () => {
    expect(parseVersionRange('v100..193')).toEqual({ minVersion: 100, maxVersion: 193, options: '' });
    expect(parseVersionRange('v176')).toEqual({ minVersion: 176, maxVersion: 176, options: '' });
    expect(parseVersionRange('v100..187 +PACEAPI')).toEqual({ minVersion: 100, maxVersion: 187, options: '+PACEAPI' });
    expect(parseVersionRange('hello')).toBeUndefined();
  });

  it('refuses an absurd message length instead of buffering forever', () => {
    const p = new InboundParser({ expectHello: false });
    const bad = Buffer.alloc(4);
    bad.writeUInt32BE(0x7fffffff, 0);
    expect(p.push(bad)[0]?.kind).toBe('invalid');
  });

  it('splits server frames back into fields', () => {
    const s = new FrameSplitter();
    const both = Buffer.concat([encodeFrame(['193', '20240102 10:00:00 EST']), encodeFrame(['9', '1', '1'])]);
    expect([...s.push(both.subarray(0, 10)), ...s.push(both.subarray(10))]).toEqual([['193', '20240102 10:00:00 EST'], ['9', '1', '1']]);
  });
});
