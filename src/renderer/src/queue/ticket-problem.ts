import type { CallError } from '../../../shared/ipc-contract';

/** A ticket that did not become a draft: the person's typing to fix, or something on our side. */
export interface TicketProblem {
  yours: boolean;
  text: string;
}

export function typingProblem(message: string): TicketProblem {
  return { yours: true, text: `Check what you typed: ${message}` };
}

/**
 * Only 'bad_input' is the person's to correct. A 'bad_payload' is our bug or a
 * forged message and an 'unavailable' is the session or the store: telling
 * the person to retype would send them after the wrong thing.
 */
export function ticketProblemOf(error: CallError): TicketProblem {
  if (error.code === 'bad_input') return typingProblem(error.message);
  return { yours: false, text: `Not drafted: ${error.message}` };
}
