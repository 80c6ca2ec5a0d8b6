import {
  calls,
  isCallName,
  type CallName,
  type CallRequest,
  type CallResponse,
  type CallResult,
} from '../../shared/ipc-contract';
import { callErrorOf } from './error-map';

export type CallHandlers = {
  [N in CallName]: (request: CallRequest<N>) => Promise<CallResponse<N>> | CallResponse<N>;
};

export interface DispatchLog {
  error(message: string, detail?: unknown): void;
}

/**
 * The single entry point for every call from a renderer, whatever the
 * transport (Electron IPC or the harness WebSocket). The payload is
 * untrusted: it is parsed with its schema and a failure never reaches the
 * handler. Responses are parsed too, so a handler bug cannot leak fields the
 * contract does not declare (a secret, say) to the renderer.
 */
export async function dispatchCall(
  handlers: CallHandlers,
  name: unknown,
  payload: unknown,
  log: DispatchLog,
): Promise<CallResult<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'unknown_call', message: 'Unknown call.' } };
  }
  const spec = calls[name];
  const parsed = spec.request.safeParse(payload);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'bad_payload', message: `Invalid payload for ${name}: ${parsed.error.issues[0]?.message ?? 'rejected'}` },
    };
  }
  try {
    const handler = handlers[name] as (request: unknown) => unknown;
    const value = await handler(parsed.data);
    const checked = spec.response.safeParse(value);
    if (!checked.success) {
      log.error(`Response of ${name} does not match the contract`, checked.error.issues);
      return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Countersign.' } };
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    const known = callErrorOf(error);
    if (known) return { ok: false, error: known };
    log.error(`Call ${name} failed`, error);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong inside Countersign.' } };
  }
}

export type { CallName };
