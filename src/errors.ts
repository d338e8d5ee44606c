/**
 * Expected failures, thrown by services and mapped to HTTP in one place (src/http/error-handler.ts).
 * Messages are written for the person at the keyboard.
 */
export class DomainError extends Error {
  constructor(message?: string, options?: ErrorOptions) {
    super(message, options);
    // Named after its class (ValidationError, NotFoundError …): what logs and the error handler show.
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> = {},
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {}

export class ForbiddenError extends DomainError {}

export class ConflictError extends DomainError {}

/**
 * Answers that HUD's data-quality rules question but allow (an SSN that fails SSA's test, a relationship of "Data
 * not collected"…): the form comes back with the warnings, and is saved once the user confirms them.
 */
export class UnconfirmedWarningsError extends DomainError {
  constructor(
    message: string,
    readonly fieldWarnings: Readonly<Record<string, readonly string[]>>,
  ) {
    super(message);
  }
}

/** Refuses to go on while `warnings` holds any the user has not confirmed (the form's `confirmWarnings` box). */
export function requireConfirmation(
  warnings: Readonly<Record<string, readonly string[]>>,
  confirmed: boolean,
  message = 'Please check these answers. If they are right, confirm them and save again.',
): void {
  if (!confirmed && Object.values(warnings).some((list) => list.length > 0)) throw new UnconfirmedWarningsError(message, warnings);
}
