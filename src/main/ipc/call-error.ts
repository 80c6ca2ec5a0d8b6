import type { CallErrorCode } from '../../shared/ipc-contract';

/**
 * A failure the person (or the renderer) can act on. Handlers throw this;
 * the dispatcher turns it into a typed CallError. Anything else thrown is a
 * bug and is reported as 'internal' without its details.
 */
export class CallFailure extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}
