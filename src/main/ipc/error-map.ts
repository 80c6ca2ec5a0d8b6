import type { CallError } from '../../shared/ipc-contract';
import { DraftConflictError } from '../store/draft-repository';
import { TransitionError } from '../approvals/lifecycle';
import { KeyStorageRefused } from '../chat/key-vault';
import {
  BadInputError,
  ConfirmationRequiredError,
  ConflictError,
  MalformedError,
  NotFoundError,
  UnavailableError,
} from '../domain-errors';
import { CallFailure } from './call-error';

/**
 * The edge between the domain and the IPC contract: a domain error becomes
 * the call code the renderer acts on. Anything not listed is a bug and is
 * answered as 'internal' by the dispatcher, without its details.
 */
export function callErrorOf(error: unknown): CallError | undefined {
  if (error instanceof CallFailure) return { code: error.code, message: error.message };
  if (error instanceof BadInputError) return { code: 'bad_input', message: error.message };
  if (error instanceof MalformedError) return { code: 'bad_payload', message: error.message };
  if (error instanceof NotFoundError) return { code: 'not_found', message: error.message };
  if (error instanceof ConflictError || error instanceof DraftConflictError || error instanceof TransitionError) {
    return { code: 'conflict', message: error.message };
  }
  if (error instanceof UnavailableError || error instanceof KeyStorageRefused) return { code: 'unavailable', message: error.message };
  if (error instanceof ConfirmationRequiredError) return { code: 'confirmation_required', message: error.message };
  return undefined;
}
