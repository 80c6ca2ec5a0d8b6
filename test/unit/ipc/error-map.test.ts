import { describe, expect, it, vi } from 'vitest';
import { dispatchCall, type CallHandlers } from '../../../src/main/ipc/dispatch';
import {
  BadInputError,
  ConfirmationRequiredError,
  ConflictError,
  MalformedError,
  NotFoundError,
  UnavailableError,
} from '../../../src/main/domain-errors';
import { DraftConflictError } from '../../../src/main/store/draft-repository';
import { ticketProblemOf } from '../../../src/renderer/src/queue/ticket-problem';

function throwing(error: unknown): CallHandlers {
  return { getSettings: () => { throw error; } } as unknown as CallHandlers;
}

describe('errors mapped at the edge', () => {
  const cases: [unknown, string][] = [
    [new BadInputError('"AAPL" is not a quantity.'), 'bad_input'],
    [new MalformedError('Quantity: must be a whole number'), 'bad_payload'],
    [new NotFoundError('There is no such draft.'), 'not_found'],
    [new ConflictError('This draft changed.'), 'conflict'],
    [new DraftConflictError('d1', 'This draft was changed meanwhile.'), 'conflict'],
    [new UnavailableError('The session is not ready.'), 'unavailable'],
    [new ConfirmationRequiredError('Type 35 to approve it.'), 'confirmation_required'],
  ];

  it.each(cases)('a domain %s becomes the call code %s, with its message', async (error, code) => {
    const log = { error: vi.fn() };
    const result = await dispatchCall(throwing(error), 'getSettings', undefined, log);
    expect(result).toEqual({ ok: false, error: { code, message: (error as Error).message } });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('anything else is internal and its details stay in main', async () => {
    const log = { error: vi.fn() };
    const result = await dispatchCall(throwing(new Error('SQLITE_BUSY at /home/me/secret.db')), 'getSettings', undefined, log);
    expect(result).toEqual({ ok: false, error: { code: 'internal', message: 'Something went wrong inside Countersign.' } });
    expect(log.error).toHaveBeenCalled();
  });

  it('the ticket shows bad_input as the person\'s typing to fix, and nothing else as theirs', () => {
    expect(ticketProblemOf({ code: 'bad_input', message: '"AAPL" is not a quantity.' })).toEqual({ yours: true, text: 'Check what you typed: "AAPL" is not a quantity.' });
    for (const code of ['bad_payload', 'unavailable', 'internal', 'conflict'] as const) {
      expect(ticketProblemOf({ code, message: 'x' }).yours).toBe(false);
    }
  });
});
