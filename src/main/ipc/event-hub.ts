import { events, type EventName, type EventPayload } from '../../shared/ipc-contract';

export type EventListener = (name: EventName, payload: unknown) => void;

/**
 * Fan-out of main -> renderer events to every attached transport (the
 * Electron window, harness sockets). Payloads are checked against the
 * contract before they leave, for the same reason responses are.
 */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    const checked = events[name].parse(payload);
    for (const listener of this.listeners) listener(name, checked);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
