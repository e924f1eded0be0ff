// Coded errors: `type:entity[.detail]`. The HTTP status derives from the type; the message is safe to show.
export type ErrorType =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid"
  | "too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

export type ErrorCode = `${ErrorType}:${string}`;

const statusByType: Record<ErrorType, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.status = statusOf(code);
    this.details = details;
  }
}

export function statusOf(code: string): number {
  return statusByType[code.split(":")[0] as ErrorType] ?? 500;
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

export function errorBody(e: AppError) {
  return { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } };
}

/** Maps anything thrown to a safe AppError; unknown errors never leak their detail. */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  return new AppError("internal:server", "Something went wrong on our side. The error has been logged.");
}
