/**
 * What the backend's own code throws when a request cannot be done, by
 * kind and in the person's words. Domain code knows nothing of IPC: the
 * contract layer (ipc/error-map.ts) turns each kind into a call code at
 * the edge.
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** What the person typed cannot be used as it is (a ticket typo, a symbol IB does not know). */
export class BadInputError extends DomainError {}

export class NotFoundError extends DomainError {}

/** The thing changed or is in a state that does not allow this now. */
export class ConflictError extends DomainError {}

/** A service this needs is not there or not ready (the session, the store, the keychain). */
export class UnavailableError extends DomainError {}

/** A large order needs the quantity typed by the person before it may go. */
export class ConfirmationRequiredError extends DomainError {}

/**
 * Something the backend built or was handed does not fit its schema (a draft
 * that would not validate on its way to the store): a bug or a forged
 * message, never the person's typing. The edge answers it as bad_payload.
 */
export class MalformedError extends DomainError {}
