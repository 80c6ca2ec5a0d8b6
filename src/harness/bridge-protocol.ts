/**
 * Messages between the harness server and the in-page bridge. The payloads
 * inside are the contract's; this is only the envelope. Development and test
 * only: nothing here is part of the packaged app.
 */
export type BridgeRequest = { t: 'call'; id: number; name: string; payload: unknown };

export type BridgeMessage =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; name: string; payload: unknown };

export const BRIDGE_PATH = '/__harness/bridge';
export const BRIDGE_SCRIPT_PATH = '/__harness/bridge.js';
