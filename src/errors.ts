/**
 * Expected failures, thrown by services and mapped to HTTP in one place (src/http/error-handler.ts).
 * Messages are written for the person at the keyboard.
 */
export class DomainError extends Error {
  override name = 'DomainError';
}

export class ValidationError extends DomainError {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly fieldErrors: Readonly<Record<string, readonly string[]>> = {},
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
}

export class ForbiddenError extends DomainError {
  override name = 'ForbiddenError';
}

export class ConflictError extends DomainError {
  override name = 'ConflictError';
}
