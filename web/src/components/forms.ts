import { type RefObject, useEffect } from "react";
import type { z } from "zod";
import { translateMessage } from "../../../schemas/messages/translate.ts";
import { isApiError } from "../api.ts";
import { currentLanguage } from "../i18n/index.ts";

export type FieldErrors = Record<string, string>;

/**
 * The first message for each field path, with the dot-separated paths the server also uses, in
 * the UI's language: zod's own messages already are (i18n/index.ts sets zod's locale), and the
 * schemas' own Swedish messages go through the shared catalogue.
 */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const result: FieldErrors = {};
  const language = currentLanguage();
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!(key in result)) result[key] = translateMessage(issue.message, language);
  }
  return result;
}

/**
 * Field messages from the client's own check and from the server's last answer, the client's
 * first. The server sends fields with invalid_input and also with some conflicts ("the e-mail
 * address is already in use").
 */
export function mergeFieldErrors(clientErrors: FieldErrors, serverError: unknown): FieldErrors {
  const serverFields = isApiError(serverError) ? serverError.fields : {};
  return { ...serverFields, ...clientErrors };
}

/**
 * After a failed submit, move focus to the first field that is marked invalid, so keyboard and
 * screen-reader users land on the message instead of having to look for it. Runs when a submit
 * attempt or the server's answer changes which fields are invalid, not while the user types.
 */
export function useFocusFirstError(formRef: RefObject<HTMLFormElement | null>, errors: FieldErrors, attempt: number): void {
  const signature = `${attempt}:${Object.keys(errors).join(",")}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signature stands for attempt and errors.
  useEffect(() => {
    if (attempt === 0 || Object.keys(errors).length === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [signature]);
}

/** A number input's value as the API wants it: an integer or null when empty. */
export function toNullableInt(value: string | number): number | null {
  if (value === "" || value === null || value === undefined) return null;
  const number = typeof value === "number" ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}
