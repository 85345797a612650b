import { z } from "zod";

export const AuditOutcome = z.enum(["ok", "denied", "failed"]);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  projectId: z.uuid().nullable(),
  clientAddress: z.string().nullable(),
  outcome: AuditOutcome,
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  actor: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  subjectId: z.string().trim().max(100).optional(),
  outcome: AuditOutcome.optional(),
  from: z.iso.date({ error: "Ange datum som ÅÅÅÅ-MM-DD" }).optional(),
  to: z.iso.date({ error: "Ange datum som ÅÅÅÅ-MM-DD" }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AuditPage = z.infer<typeof AuditPage>;
