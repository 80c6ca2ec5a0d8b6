import type { EventName, EventPayload } from '../../shared/ipc-contract';
import type { EventHub } from '../ipc/event-hub';

/** The last payload of one contract event, for shell parts that act later (a menu click, a shortcut). */
export interface LatestEvent<N extends EventName> {
  current(): EventPayload<N>;
  stop(): void;
}

export function followLatest<N extends EventName>(events: EventHub, name: N, initial: EventPayload<N>): LatestEvent<N> {
  let latest = initial;
  const stop = events.subscribe((event, payload) => {
    if (event === name) latest = payload as EventPayload<N>;
  });
  return { current: () => latest, stop };
}
