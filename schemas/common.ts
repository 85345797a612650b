import { z } from "zod";

/** The one error shape every endpoint answers with. */
export const ErrorCode = z.enum(["invalid_input", "unauthenticated", "forbidden", "not_found", "conflict", "too_many_requests", "totp_required", "internal"]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** Field path (dot-separated) → plain-language message. */
    fields: z.record(z.string(), z.string()).optional(),
    /** For 409: the record as it is now, so the user can see what changed. */
    current: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const Id = z.uuid({ error: "Ogiltigt id" });
export const IdParams = z.object({ id: Id });
export type IdParams = z.infer<typeof IdParams>;

export const Version = z.number({ error: "Version saknas" }).int().min(1);

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const Health = z.object({ status: z.literal("ok") });
