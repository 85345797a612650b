import { z } from "zod";
import { Slug } from "./admin.ts";
import { Version } from "./common.ts";

export const TargetGroup = z.object({
  minAge: z.number().int().min(15).max(100).nullable(),
  maxAge: z.number().int().min(15).max(100).nullable(),
  note: z.string().max(1000).nullable(),
  /** Districts (kommundelar) the project serves; empty means all. */
  districts: z
    .array(z.string().trim().min(1, { error: "Ange kommundelens namn" }).max(100, { error: "Högst 100 tecken" }))
    .max(100, { error: "Högst 100 kommundelar" })
    .default([]),
  /** Income codes (the project's list of income types) the project is for; empty means any. */
  incomes: z.array(z.string().trim().min(1).max(60)).max(30, { error: "Högst 30 inkomstslag" }).default([]),
});
export type TargetGroup = z.infer<typeof TargetGroup>;

export const Project = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  plannedMonths: z.number().int().nullable(),
  targetGroup: TargetGroup,
  active: z.boolean(),
  teams: z.array(z.object({ id: z.uuid(), name: z.string() })),
  version: z.number().int(),
});
export type Project = z.infer<typeof Project>;

export const ProjectList = z.object({ projects: z.array(Project) });
export type ProjectList = z.infer<typeof ProjectList>;

const Name = z.string({ error: "Ange ett namn" }).trim().min(1, { error: "Ange ett namn" }).max(200, { error: "Namnet får ha högst 200 tecken" });

export const CreateProjectInput = z
  .object({
    unitId: z.uuid({ error: "Välj en enhet" }),
    slug: Slug,
    name: Name,
    description: z.string().trim().max(2000).nullable().default(null),
    plannedMonths: z.number().int().min(1, { error: "Minst 1 månad" }).max(60, { error: "Högst 60 månader" }).nullable().default(null),
    targetGroup: TargetGroup.default({ minAge: null, maxAge: null, note: null, districts: [], incomes: [] }),
  })
  .refine((p) => p.targetGroup.minAge == null || p.targetGroup.maxAge == null || p.targetGroup.minAge <= p.targetGroup.maxAge, {
    error: "Lägsta ålder får inte vara högre än högsta ålder",
    path: ["targetGroup", "maxAge"],
  });
export type CreateProjectInput = z.infer<typeof CreateProjectInput>;

export const UpdateProjectInput = z.object({
  version: Version,
  name: Name.optional(),
  description: z.string().trim().max(2000).nullable().optional(),
  plannedMonths: z.number().int().min(1).max(60).nullable().optional(),
  targetGroup: TargetGroup.optional(),
  active: z.boolean().optional(),
});
export type UpdateProjectInput = z.infer<typeof UpdateProjectInput>;

/** A manager sets the project's target group; referrals are checked against it from then on. */
export const UpdateTargetGroupInput = z
  .object({ version: Version, targetGroup: TargetGroup })
  .refine((p) => p.targetGroup.minAge == null || p.targetGroup.maxAge == null || p.targetGroup.minAge <= p.targetGroup.maxAge, {
    error: "Lägsta ålder får inte vara högre än högsta ålder",
    path: ["targetGroup", "maxAge"],
  });
export type UpdateTargetGroupInput = z.input<typeof UpdateTargetGroupInput>;

export const ProjectMember = z.object({
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(["manager", "coach", "statistician", "participant"]),
});
export type ProjectMember = z.infer<typeof ProjectMember>;

export const ProjectMembers = z.object({ members: z.array(ProjectMember) });
