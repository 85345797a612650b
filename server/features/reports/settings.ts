import { sql } from "kysely";
import { ReportSection, type ReportSettings, type ReportTexts, type UpdateReportSettingsInput } from "../../../schemas/reports.ts";
import type { ServiceContext } from "../../auth/audit.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, notFound } from "../../errors.ts";
import "./tables.ts";

const present = (r: { suppression_threshold: number; follow_up_months: number[]; version: number }): ReportSettings => ({
  threshold: r.suppression_threshold,
  followUpMonths: [...r.follow_up_months].sort((a, b) => a - b),
  version: r.version,
});

/** The project's report settings; a project that never changed them has the defaults of reports.md. */
export async function getReportSettings(db: Db, projectId: string): Promise<ReportSettings> {
  const row = await db
    .selectFrom("report_settings")
    .select(["suppression_threshold", "follow_up_months", "version"])
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  return present(row ?? { suppression_threshold: 4, follow_up_months: [6, 24], version: 1 });
}

export async function updateReportSettings(db: Db, ctx: ServiceContext, projectId: string, input: UpdateReportSettingsInput): Promise<ReportSettings> {
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto("report_settings")
      .values({ project_id: projectId })
      .onConflict((oc) => oc.column("project_id").doNothing())
      .execute();
    const before = await getReportSettings(tx, projectId);
    const row = await tx
      .updateTable("report_settings")
      .set({
        suppression_threshold: input.threshold,
        follow_up_months: sql<number[]>`${`{${input.followUpMonths.join(",")}}`}::int[]`,
        version: sql<number>`version + 1`,
        updated_at: new Date(),
      })
      .where("project_id", "=", projectId)
      .where("version", "=", input.version)
      .returning(["suppression_threshold", "follow_up_months", "version"])
      .executeTakeFirst();
    if (!row) throw conflict(before);
    const after = present(row);
    await writeAudit(tx, ctx, {
      action: "report.settings.update",
      projectId,
      subjectType: "project",
      subjectId: projectId,
      details: {
        before: { threshold: before.threshold, followUpMonths: before.followUpMonths },
        after: { threshold: after.threshold, followUpMonths: after.followUpMonths },
      },
    });
    return after;
  });
}

const dateOf = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** All narrative sections of one report year, written or not, in the document's order. */
export async function getReportTexts(db: Db, projectId: string, year: number): Promise<ReportTexts> {
  const rows = await db
    .selectFrom("report_texts")
    .select(["section", "body", "version", "updated_at"])
    .where("project_id", "=", projectId)
    .where("year", "=", year)
    .execute();
  return {
    year,
    sections: ReportSection.options.map((section) => {
      const r = rows.find((x) => x.section === section);
      return { section, body: r?.body ?? "", version: r?.version ?? 0, updatedAt: r ? dateOf(r.updated_at) : null };
    }),
  };
}

/** Write one section. Version 0 creates it; a stale version (or a create racing another) is a 409 with the current text. */
export async function updateReportText(
  db: Db,
  ctx: ServiceContext & { actor: { kind: "user"; userId: string } },
  projectId: string,
  year: number,
  section: ReportSection,
  input: { version: number; body: string },
) {
  const project = await db.selectFrom("projects").select("id").where("id", "=", projectId).executeTakeFirst();
  if (!project) throw notFound("Projektet");
  return db.transaction().execute(async (tx) => {
    const current = async () => (await getReportTexts(tx, projectId, year)).sections.find((s) => s.section === section);
    let ok: boolean;
    if (input.version === 0) {
      const r = await tx
        .insertInto("report_texts")
        .values({ project_id: projectId, year, section, body: input.body, updated_by: ctx.actor.userId })
        .onConflict((oc) => oc.columns(["project_id", "year", "section"]).doNothing())
        .returning("version")
        .executeTakeFirst();
      ok = Boolean(r);
    } else {
      const r = await tx
        .updateTable("report_texts")
        .set({ body: input.body, version: sql<number>`version + 1`, updated_by: ctx.actor.userId, updated_at: new Date() })
        .where("project_id", "=", projectId)
        .where("year", "=", year)
        .where("section", "=", section)
        .where("version", "=", input.version)
        .returning("version")
        .executeTakeFirst();
      ok = Boolean(r);
    }
    if (!ok) throw conflict(await current());
    await writeAudit(tx, ctx, {
      action: "report.text.update",
      projectId,
      subjectType: "report_text",
      subjectId: projectId,
      details: { year, section, length: input.body.length },
    });
    return current();
  });
}
