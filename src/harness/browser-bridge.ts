import { isEventName, type CallResult } from '../shared/ipc-contract';
import { buildRendererApi } from '../shared/renderer-api';
import { BRIDGE_PATH, type BridgeMessage, type BridgeRequest } from './bridge-protocol';

// Runs in the browser page before the renderer: installs the same
// `window.countersign` API the Electron preload exposes, carried over a
// loopback WebSocket. The token comes from the page URL, which only the
// process that started the harness knows.

const token = new URL(window.location.href).searchParams.get('token') ?? '';
const socketUrl = `ws://${window.location.host}${BRIDGE_PATH}?token=${encodeURIComponent(token)}`;
const socket = new WebSocket(socketUrl);
const opened = new Promise<void>((resolve, reject) => {
  socket.addEventListener('open', () => resolve(), { once: true });
  socket.addEventListener('error', () => reject(new Error('The harness bridge could not connect.')), { once: true });
});

const pending = new Map<number, (result: CallResult<unknown>) => void>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
let nextId = 1;

socket.addEventListener('message', (event) => {
  const message = JSON.parse(String(event.data)) as BridgeMessage;
  if (message.t === 'result') {
    pending.get(message.id)?.(message.result as CallResult<unknown>);
    pending.delete(message.id);
  } else if (message.t === 'event' && isEventName(message.name)) {
    for (const listener of listeners.get(message.name) ?? []) listener(message.payload);
  }
});

socket.addEventListener('close', () => {
  for (const resolve of pending.values()) {
    resolve({ ok: false, error: { code: 'unavailable', message: 'The connection to the backend closed.' } });
  }
  pending.clear();
});

const api = buildRendererApi({
  async invoke(name, payload) {
    await opened;
    const id = nextId++;
    const request: BridgeRequest = { t: 'call', id, name, payload };
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify(request));
    });
  },
  subscribe(name, listener) {
    const set = listeners.get(name) ?? new Set();
    set.add(listener);
    listeners.set(name, set);
    return () => {
      set.delete(listener);
    };
  },
});

Object.defineProperty(window, 'countersign', { value: api, writable: false, configurable: false });
// The token stays in the address bar: a reload (the window starting anew after a
// part's code could not load, as Electron's reload does) must open the page again.
// It is this run's only, and the bridge also checks the page's origin.
