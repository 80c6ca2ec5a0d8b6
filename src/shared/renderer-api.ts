import {
  callNames,
  eventNames,
  type CallName,
  type CallRequest,
  type CallResponse,
  type CallResult,
  type EventName,
  type EventPayload,
} from './ipc-contract';

/**
 * The API the renderer sees as `window.countersign`: one named method per
 * call and one `onX(cb) -> unsubscribe` per event. The Electron preload and
 * the browser harness build it from the same contract over different
 * transports, so the renderer cannot tell them apart.
 */

type CallMethod<N extends CallName> =
  undefined extends CallRequest<N>
    ? (payload?: CallRequest<N>) => Promise<CallResult<CallResponse<N>>>
    : (payload: CallRequest<N>) => Promise<CallResult<CallResponse<N>>>;

type EventMethodName<N extends EventName> = `on${Capitalize<N>}`;

export type RendererApi = { [N in CallName]: CallMethod<N> } & {
  [N in EventName as EventMethodName<N>]: (listener: (payload: EventPayload<N>) => void) => () => void;
};

export interface RendererTransport {
  invoke(name: CallName, payload: unknown): Promise<unknown>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

export function eventMethodName<N extends EventName>(name: N): EventMethodName<N> {
  return `on${name.charAt(0).toUpperCase()}${name.slice(1)}` as EventMethodName<N>;
}

export function buildRendererApi(transport: RendererTransport): RendererApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = (payload?: unknown) => transport.invoke(name, payload);
  }
  for (const name of eventNames) {
    api[eventMethodName(name)] = (listener: (payload: unknown) => void) => transport.subscribe(name, listener);
  }
  return Object.freeze(api) as RendererApi;
}
