import { z } from "zod";

/** Field builders shared by the schemas: one wording of each plain-language message. */

export const IsoDate = z.iso.date({ error: "Ange datum som ÅÅÅÅ-MM-DD" });

export const Text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `Högst ${max} tecken` });

/** Left out or empty is stored as null. */
export const OptText = (max: number) =>
  Text(max)
    .nullable()
    .optional()
    .transform((v) => (v === "" || v === undefined ? null : v));

/** For changes: left out stays as it is (undefined), empty clears (null). */
export const EditText = (max: number) =>
  Text(max)
    .nullable()
    .optional()
    .transform((v) => (v === "" ? null : v));
