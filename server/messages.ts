import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { ErrorBody } from "../schemas/common.ts";
import { type Locale, translateMessage } from "../schemas/messages/index.ts";

/**
 * The language of a request's messages: the signed-in user's choice. Swedish for everyone else
 * (no session, the calendar feed), because the sources speak Swedish.
 */
export function localeOf(req: FastifyRequest): Locale {
  return req.actor?.kind === "user" && req.actor.locale === "en" ? "en" : "sv";
}

const englishZod = z.locales.en().localeError;

type ValidationContext = "body" | "querystring" | "params" | "headers";

function partOf(req: FastifyRequest, context: ValidationContext): unknown {
  switch (context) {
    case "body":
      return req.body;
    case "querystring":
      return req.query;
    case "params":
      return req.params;
    case "headers":
      return req.headers;
  }
}

/**
 * The field messages of a failed validation in English. The part that failed is parsed again
 * against the route's schema with zod's English messages for this parse only (a schema's own
 * message still wins over them; the Swedish default stays global), and each message — zod's or
 * the schema's own Swedish one — goes through the catalogue. Null when the route has no zod
 * schema for the part, or it passes this time, so the caller keeps what it had.
 */
export function englishValidationFields(req: FastifyRequest, context: string | undefined): Record<string, string> | null {
  const where = (context ?? "body") as ValidationContext;
  const schemas = req.routeOptions.schema as Partial<Record<ValidationContext, unknown>> | undefined;
  const schema = schemas?.[where];
  if (!(schema instanceof z.ZodType)) return null;
  const result = schema.safeParse(partOf(req, where), { error: englishZod });
  if (result.success) return null;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join(".") || where;
    fields[path] ??= translateMessage(issue.message, "en");
  }
  return fields;
}

/** An error body in the reader's language: the message and every field message. */
export function localiseErrorBody(body: ErrorBody, locale: Locale): ErrorBody {
  if (locale === "sv") return body;
  const { message, fields, ...rest } = body.error;
  return {
    error: {
      ...rest,
      message: translateMessage(message, locale),
      ...(fields ? { fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, translateMessage(v, locale)])) } : {}),
    },
  };
}
