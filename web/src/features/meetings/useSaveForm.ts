import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { z } from "zod";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";

/**
 * A form that checks its input with the shared schema, sends it, shows the server's field
 * messages at their fields and, after a save, refreshes the queries under `refresh`.
 */
export function useSaveForm<S extends z.ZodType, R>(
  schema: S,
  send: (input: z.output<S>) => Promise<R>,
  refresh: readonly unknown[][],
  onSaved: (result: R) => void,
) {
  const queryClient = useQueryClient();
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({
    mutationFn: send,
    onSuccess: async (result) => {
      await Promise.all(refresh.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      onSaved(result);
    },
  });
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

  return { formRef, errors, mutation, submit, conflict: conflictOf(mutation.error) };
}
