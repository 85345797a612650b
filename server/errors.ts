import type { ErrorCode } from "../schemas/common.ts";

const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  totp_required: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_many_requests: 429,
  internal: 500,
};

/** The one error type services throw; the app turns it into `{ error: { code, message, … } }`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { fields?: Record<string, string>; current?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const notFound = (what = "Posten") => new AppError("not_found", `${what} finns inte, eller så saknar du behörighet att se den.`);
export const forbidden = (message = "Du har inte behörighet till det här.") => new AppError("forbidden", message);
export const unauthenticated = (message = "Du behöver logga in.") => new AppError("unauthenticated", message);
export const conflict = (current: unknown, message = "Någon annan har ändrat uppgifterna sedan du öppnade dem. Läs in dem igen och gör din ändring på nytt.") =>
  new AppError("conflict", message, { current });
export const invalidInput = (fields: Record<string, string>, message = "Några uppgifter behöver rättas.") => new AppError("invalid_input", message, { fields });
