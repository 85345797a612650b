import type { z } from "zod";
import { ErrorBody, type ErrorCode } from "../../schemas/common.ts";
import { translateMessage } from "../../schemas/messages/translate.ts";
import { currentLanguage, i18n } from "./i18n/index.ts";

/** Any answer from the API that is not a success, in the one error shape the server uses. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  /** Field path (dot-separated) → message, for invalid_input. */
  readonly fields: Record<string, string>;
  /** For conflict: the record as it is now. */
  readonly current: unknown;

  constructor(status: number, code: ErrorCode, message: string, fields: Record<string, string> = {}, current?: unknown) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.current = current;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

type WriteMethod = "POST" | "PUT" | "PATCH" | "DELETE";
export type Query = Record<string, string | number | boolean | null | undefined>;

// The server ties each session to a CSRF token that it hands out with the session's `Me`.
// Login is the one write that happens before there is a session, so it goes without.
let csrfToken: string | null = null;

export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

let onUnauthenticated: (() => void) | null = null;

/** Called when a request other than login or "who am I" finds that the session is gone. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

const SESSION_PATHS = new Set(["/auth/login", "/auth/me"]);

function toQueryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

async function readError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy or gateway answered. Fall through to a generic message.
  }
  const parsed = ErrorBody.safeParse(body);
  if (parsed.success) {
    // The server answers a signed-in user in their language; without a session (the login page)
    // it answers in Swedish, so a message is translated here too. English stays as it came.
    const { code, message, fields, current } = parsed.data.error;
    const language = currentLanguage();
    const translated = Object.fromEntries(Object.entries(fields ?? {}).map(([k, v]) => [k, translateMessage(v, language)]));
    return new ApiError(response.status, code, translateMessage(message, language), translated, current);
  }
  const code: ErrorCode = response.status === 401 ? "unauthenticated" : response.status === 404 ? "not_found" : "internal";
  return new ApiError(response.status, code, i18n.t("errors.unexpectedStatus", { status: response.status }));
}

async function request(method: "GET" | WriteMethod, path: string, body: unknown, query?: Query): Promise<Response> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && path !== "/auth/login" && csrfToken) headers["x-csrf-token"] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`/api${path}${toQueryString(query)}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "internal", i18n.t("errors.network"));
  }

  if (!response.ok) {
    const error = await readError(response);
    if (error.status === 401 && error.code === "unauthenticated" && !SESSION_PATHS.has(path)) onUnauthenticated?.();
    throw error;
  }
  return response;
}

async function parseBody<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(response.status, "internal", i18n.t("errors.badResponse"));
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    console.error("Unexpected response shape", response.url, parsed.error.issues);
    throw new ApiError(response.status, "internal", i18n.t("errors.badResponse"));
  }
  return parsed.data;
}

/** GET and parse the answer with the shared schema. */
export async function apiGet<S extends z.ZodType>(path: string, schema: S, query?: Query): Promise<z.output<S>> {
  return parseBody(await request("GET", path, undefined, query), schema);
}

/** POST, PUT, PATCH or DELETE and parse the answer with the shared schema. */
export async function apiSend<S extends z.ZodType>(method: WriteMethod, path: string, body: unknown, schema: S): Promise<z.output<S>> {
  return parseBody(await request(method, path, body), schema);
}

/** A write that answers 204 No Content. */
export async function apiSendNoContent(method: WriteMethod, path: string, body?: unknown): Promise<void> {
  await request(method, path, body);
}

/** Encode one path segment, e.g. an id taken from the URL. */
export function seg(value: string): string {
  return encodeURIComponent(value);
}
