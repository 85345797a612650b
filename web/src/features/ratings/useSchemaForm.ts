import { useMutation } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { z } from "zod";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";

/**
 * A form checked with the shared schema before it is sent; the server's field messages and the
 * client's land on the same field paths, and focus moves to the first field in error.
 */
export function useSchemaForm<S extends z.ZodType, R>(schema: S, send: (input: z.output<S>) => Promise<R>, onSaved: (result: R) => void | Promise<void>) {
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({ mutationFn: send, onSuccess: (result) => onSaved(result) });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(raw: unknown) {
    setAttempt((n) => n + 1);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }
  return { formRef, errors, submit, mutation };
}

/** A typed number field's text as a number, or undefined while empty (decimal comma allowed). */
export function parseNumber(text: string): number | undefined {
  const trimmed = text.trim().replace(",", ".");
  if (trimmed === "") return undefined;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : Number.NaN;
}
