/**
 * The single error type domain code throws. The HTTP layer turns it into
 * `{"error": {"code", "message", "details"}}` with `status`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what = 'resource') => new AppError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'not allowed for this account') => new AppError(403, 'forbidden', message);
export const unauthorized = (message = 'authentication required') => new AppError(401, 'unauthorized', message);
export const invalid = (message: string, details?: Record<string, unknown>) =>
  new AppError(400, 'invalid_request', message, details);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
