// Drives the library's own Encoder and Decoder without a socket, so the
// simulator's codecs are checked against the exact code the app runs.
import { Decoder } from '@stoqey/ib/dist/core/io/decoder';
import { Encoder } from '@stoqey/ib/dist/core/io/encoder';
import { encodeFrame, InboundParser } from '../../../src/sim/wire/frame';

export const SERVER_VERSION = 193;
/** The versions every codec test runs at: the lowest we speak, common Python clients' 157..178 range, and the top. */
export const TEST_VERSIONS = [100, 124, 145, 157, 164, 176, 178, 187, 193] as const;

function flattenDeep(arr: unknown[], out: unknown[] = []): unknown[] {
  for (const v of arr) {
    if (Array.isArray(v)) flattenDeep(v, out);
    else out.push(v);
  }
  return out;
}

/** The bytes the library's Socket.send would write for these tokens. */
function socketBytes(tokens: unknown[]): Buffer {
  const flat = flattenDeep(tokens).map((v) => (v === true || v === false ? (v ? 1 : 0) : v));
  const payload = Buffer.from(flat.join('\0'), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(payload.length + 1, 0);
  return Buffer.concat([len, payload, Buffer.from([0])]);
}

/** Runs `drive` against the library's Encoder and returns each message as the simulator's parser sees it. */
export function encodeWithLibrary(drive: (encoder: Encoder) => void, serverVersion: number = SERVER_VERSION): string[][] {
  const sent: Buffer[] = [];
  const encoder = new Encoder({
    serverVersion,
    sendMsg: (...tokens: unknown[]) => sent.push(socketBytes(tokens)),
    emitError: (msg: string) => {
      throw new Error(`library encoder refused: ${msg}`);
    },
  });
  drive(encoder);
  const parser = new InboundParser({ expectHello: false });
  const out: string[][] = [];
  for (const chunk of sent) {
    for (const item of parser.push(chunk)) {
      if (item.kind !== 'message') throw new Error(`unexpected ${item.kind}`);
      out.push(item.fields);
    }
  }
  return out;
}

export interface Decoded {
  events: { name: string; args: unknown[] }[];
  errors: { message: string; code: number; reqId?: number }[];
  infos: { message: string; code: number }[];
}

/** Feeds simulator messages to the library's Decoder, through the same byte framing the Socket undoes. */
export function decodeWithLibrary(...messages: string[][]): Decoded {
  return decodeAt(SERVER_VERSION, ...messages);
}

/** The library's Decoder running as a client that negotiated `serverVersion`. */
export function decodeAt(serverVersion: number, ...messages: string[][]): Decoded {
  const result: Decoded = { events: [], errors: [], infos: [] };
  const decoder = new Decoder({
    serverVersion,
    emitEvent: (name: string, ...args: unknown[]) => result.events.push({ name, args }),
    emitError: (message: string, code: number, reqId?: number) => result.errors.push({ message, code, reqId }),
    emitInfo: (message: string, code: number) => result.infos.push({ message, code }),
  } as ConstructorParameters<typeof Decoder>[0]);
  for (const fields of messages) {
    const bytes = encodeFrame(fields);
    const size = bytes.readInt32BE(0);
    const tokens = bytes.subarray(4, 4 + size).toString('utf8').split('\0').slice(0, -1);
    decoder.enqueueMessage(tokens);
    decoder.process();
  }
  return result;
}

/** Decodes and insists the library raised no error (505 is its "wrong field count" signal). */
export function decodeClean(...messages: string[][]): Decoded['events'] {
  return decodeCleanAt(SERVER_VERSION, ...messages);
}

export function decodeCleanAt(serverVersion: number, ...messages: string[][]): Decoded['events'] {
  const d = decodeAt(serverVersion, ...messages);
  if (d.errors.length) throw new Error(`library decoder errors at v${serverVersion}: ${JSON.stringify(d.errors)}`);
  return d.events;
}
