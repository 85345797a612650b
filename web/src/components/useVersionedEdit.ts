import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import type { z } from "zod";
import { conflictOf } from "./ConflictAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "./forms.ts";

/**
 * The state of a form that edits one record with the version it was shown at: the values, the
 * client's check with the shared schema, the save, and — when someone else saved first — the
 * conflict with the record as it is now, which `reload` takes into the form.
 */
export function useVersionedEdit<R extends { version: number }, V, I>(options: {
  record: R;
  valuesOf: (record: R) => V;
  /** The API input from the values and the version the edit started from. */
  toInput: (values: V, version: number) => I;
  schema: z.ZodType;
  save: (input: I) => Promise<unknown>;
  onSaved: () => Promise<void> | void;
}) {
  const [base, setBase] = useState(options.record);
  const [values, setValues] = useState(() => options.valuesOf(options.record));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({ mutationFn: options.save, onSuccess: options.onSaved });
  const conflict = conflictOf(mutation.error);
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const input = options.toInput(values, base.version);
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(input);
  }

  function reload() {
    const current = conflict?.current as R | undefined;
    if (current) {
      setBase(current);
      setValues(options.valuesOf(current));
    }
    mutation.reset();
  }

  return { base, values, setValues, errors, conflict, mutation, formRef, submit, reload };
}
