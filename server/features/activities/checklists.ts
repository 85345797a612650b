import type {
  AddTemplateItemInput,
  Checklist,
  ChecklistItem,
  ChecklistTemplate,
  ReorderTemplateInput,
  TickInput,
  UpdateTemplateItemInput,
} from "../../../schemas/placements.ts";
import { writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { conflict, invalidInput, notFound } from "../../errors.ts";
import { todayInSweden } from "../participants/dates.ts";
import type { Ctx } from "../participants/persons.ts";
import { type StepKey, withPlacements } from "./tables.ts";

/**
 * The internship checklist a project starts with: the way to a placement and its follow-up,
 * from the invitation to the first meeting to the last follow-up. A manager adapts it per project.
 */
export const DEFAULT_INTERNSHIP_STEPS = [
  "Kalla deltagaren till ett första möte",
  "Träff 1: kartlägga bakgrund och tankar om framtiden (boka tolk vid behov)",
  "Träff 2: önskemål och vad personen redan känner till, förslag på platser, planera studiebesök, kontrollera inskrivning hos Arbetsförmedlingen",
  "Kontakta arbetsplatser och boka besök",
  "Träff 3: berätta vilka platser som ska besökas och när, tipsa om företagens webbplatser",
  "Träff 4: studiebesök på arbetsplatsen tillsammans med deltagaren",
  "Fråga om praktikplats: deltagaren frågar själv vid besöket eller senare, annars frågar samordnaren",
  "Stäm av med arbetsplatsen: dagar, tider, handledare och säkerhetsinstruktioner",
  "Träff 5: gå igenom arbetstider, raster och lunch, handledarens namn och vikten av att passa tider",
  "Utdrag ur belastningsregistret (vid arbete med barn, t.ex. förskola eller skola)",
  "Hälsointyg eller provtagning (vid arbete i kök)",
  "Beslut om aktivitetsstöd från Arbetsförmedlingen underskrivet av deltagare och arbetsgivare",
  "Boka tolk till genomgången av säkerhetsrutiner på arbetsplatsen",
  "Praktiken startar",
  "Ring arbetsplatsen efter några dagar och hör hur det går",
  "Besök eller ring arbetsplatsen efter ungefär en månad",
  "Avslutande uppföljning: förlängning, anställning eller nästa steg",
  "Vid möjlig anställning: boka möte med Arbetsförmedlingen om anställningsformerna",
];

/** The default steps that stand for a workplace follow-up: recording the follow-up ticks them. */
export const DEFAULT_STEP_KEYS: Record<string, StepKey> = {
  "Ring arbetsplatsen efter några dagar och hör hur det går": "follow_up_early",
  "Besök eller ring arbetsplatsen efter ungefär en månad": "follow_up_month",
  "Avslutande uppföljning: förlängning, anställning eller nästa steg": "follow_up_end",
};

/** The steps a type starts with when its template is first set up. */
function defaultSteps(category: string | null): string[] {
  return category === "praktik" ? DEFAULT_INTERNSHIP_STEPS : [];
}

async function typeOf(db: Db, projectId: string, typeCode: string) {
  const code = await db
    .selectFrom("codes")
    .select(["code", "label", "national_category"])
    .where("project_id", "=", projectId)
    .where("list", "=", "activity_type")
    .where("code", "=", typeCode)
    .executeTakeFirst();
  if (!code) throw invalidInput({ type: `Insatstypen ”${typeCode}” finns inte i projektets kodlista.` });
  return code;
}

/**
 * The template row of a type, set up with its default steps the first time it is needed. Two
 * requests at once may both try; the unique key lets one win and the other read its row.
 */
export async function ensureTemplate(db: Db, projectId: string, typeCode: string) {
  const x = withPlacements(db);
  const existing = await x
    .selectFrom("checklist_templates")
    .select(["id", "version"])
    .where("project_id", "=", projectId)
    .where("type_code", "=", typeCode)
    .executeTakeFirst();
  if (existing) return { ...existing, created: false };
  const type = await typeOf(db, projectId, typeCode);
  const created = await x
    .insertInto("checklist_templates")
    // Version 0: as set up, not yet changed by anyone; the first change makes it 1.
    .values({ project_id: projectId, type_code: typeCode, version: 0 })
    .onConflict((oc) => oc.columns(["project_id", "type_code"]).doNothing())
    .returning(["id", "version"])
    .executeTakeFirst();
  if (!created) {
    const other = await x
      .selectFrom("checklist_templates")
      .select(["id", "version"])
      .where("project_id", "=", projectId)
      .where("type_code", "=", typeCode)
      .executeTakeFirstOrThrow();
    return { ...other, created: false };
  }
  const steps = defaultSteps(type.national_category);
  if (steps.length > 0)
    await x
      .insertInto("checklist_template_items")
      .values(steps.map((label, i) => ({ template_id: created.id, label, position: i + 1, step_key: DEFAULT_STEP_KEYS[label] ?? null })))
      .execute();
  return { ...created, created: true };
}

/** Every activity type of the project with its checklist (types used for placements are set up with their defaults). */
export async function listTemplates(db: Db, projectId: string): Promise<ChecklistTemplate[]> {
  const x = withPlacements(db);
  const types = await db
    .selectFrom("codes")
    .select(["code", "label", "national_category"])
    .where("project_id", "=", projectId)
    .where("list", "=", "activity_type")
    .where("retired_at", "is", null)
    .orderBy("sort_order")
    .orderBy("label")
    .execute();
  for (const t of types) if (defaultSteps(t.national_category).length > 0) await ensureTemplate(db, projectId, t.code);
  const templates = await x.selectFrom("checklist_templates").select(["id", "type_code", "version"]).where("project_id", "=", projectId).execute();
  const items = templates.length
    ? await x
        .selectFrom("checklist_template_items")
        .select(["id", "template_id", "label", "position", "retired"])
        .where(
          "template_id",
          "in",
          templates.map((t) => t.id),
        )
        .orderBy("position")
        .execute()
    : [];
  return types.map((t) => {
    const tpl = templates.find((p) => p.type_code === t.code);
    return {
      typeCode: t.code,
      typeLabel: t.label,
      category: t.national_category,
      version: tpl?.version ?? 0,
      items: tpl ? items.filter((i) => i.template_id === tpl.id).map((i) => ({ id: i.id, label: i.label, position: i.position, retired: i.retired })) : [],
    };
  });
}

export async function getTemplate(db: Db, projectId: string, typeCode: string): Promise<ChecklistTemplate> {
  const t = (await listTemplates(db, projectId)).find((x) => x.typeCode === typeCode);
  if (!t) throw notFound("Insatstypen");
  return t;
}

/** Bump the template's version if it is still `version`; otherwise 409 with the template as it is. */
async function claimTemplate(db: Db, projectId: string, typeCode: string, version: number): Promise<string> {
  const x = withPlacements(db);
  const tpl = await ensureTemplate(db, projectId, typeCode);
  const res = await x
    .updateTable("checklist_templates")
    .set((eb) => ({ version: eb("version", "+", 1), updated_at: new Date() }))
    .where("id", "=", tpl.id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(await getTemplate(db, projectId, typeCode));
  return tpl.id;
}

async function auditTemplate(db: Db, ctx: Ctx, projectId: string, typeCode: string, change: string, before: ChecklistTemplate) {
  const after = await getTemplate(db, projectId, typeCode);
  await writeAudit(db, ctx, {
    action: "checklist_template.update",
    subjectType: "checklist_template",
    subjectId: typeCode,
    projectId,
    details: { change, before: before.items, after: after.items },
  });
  return after;
}

export async function addTemplateItem(db: Db, ctx: Ctx, projectId: string, typeCode: string, input: AddTemplateItemInput): Promise<ChecklistTemplate> {
  await typeOf(db, projectId, typeCode);
  const before = await getTemplate(db, projectId, typeCode);
  const templateId = await claimTemplate(db, projectId, typeCode, input.version);
  const last = await withPlacements(db)
    .selectFrom("checklist_template_items")
    .select((eb) => eb.fn.max("position").as("max"))
    .where("template_id", "=", templateId)
    .executeTakeFirst();
  await withPlacements(db)
    .insertInto("checklist_template_items")
    .values({ template_id: templateId, label: input.label, position: Number(last?.max ?? 0) + 1 })
    .execute();
  return auditTemplate(db, ctx, projectId, typeCode, "add", before);
}

async function templateItem(db: Db, itemId: string) {
  const row = await withPlacements(db)
    .selectFrom("checklist_template_items as i")
    .innerJoin("checklist_templates as t", "t.id", "i.template_id")
    .select(["i.id", "t.project_id", "t.type_code", "t.id as template_id"])
    .where("i.id", "=", itemId)
    .executeTakeFirst();
  if (!row) throw notFound("Steget");
  return row;
}

/** The project a template step belongs to, for the access check. */
export async function projectOfTemplateItem(db: Db, itemId: string): Promise<string> {
  return (await templateItem(db, itemId)).project_id;
}

export async function updateTemplateItem(db: Db, ctx: Ctx, itemId: string, input: UpdateTemplateItemInput): Promise<ChecklistTemplate> {
  const item = await templateItem(db, itemId);
  const before = await getTemplate(db, item.project_id, item.type_code);
  await claimTemplate(db, item.project_id, item.type_code, input.version);
  await withPlacements(db)
    .updateTable("checklist_template_items")
    .set({ ...(input.label !== undefined && { label: input.label }), ...(input.retired !== undefined && { retired: input.retired }) })
    .where("id", "=", itemId)
    .execute();
  return auditTemplate(db, ctx, item.project_id, item.type_code, input.retired === undefined ? "rename" : input.retired ? "retire" : "restore", before);
}

export async function reorderTemplate(db: Db, ctx: Ctx, projectId: string, typeCode: string, input: ReorderTemplateInput): Promise<ChecklistTemplate> {
  await typeOf(db, projectId, typeCode);
  const before = await getTemplate(db, projectId, typeCode);
  const ids = before.items.map((i) => i.id);
  if (input.itemIds.length !== ids.length || new Set(input.itemIds).size !== ids.length || !input.itemIds.every((id) => ids.includes(id)))
    throw invalidInput({ itemIds: "Ange varje steg i mallen en gång, i den nya ordningen." });
  await claimTemplate(db, projectId, typeCode, input.version);
  const x = withPlacements(db);
  for (const [i, id] of input.itemIds.entries())
    await x
      .updateTable("checklist_template_items")
      .set({ position: i + 1 })
      .where("id", "=", id)
      .execute();
  return auditTemplate(db, ctx, projectId, typeCode, "reorder", before);
}

// ---------- an activity's checklist ----------

/** Copy the active steps of the type's template to a new activity. */
export async function instantiateChecklist(db: Db, activity: { id: string; type: string }, projectId: string): Promise<number> {
  const x = withPlacements(db);
  const tpl = await ensureTemplate(db, projectId, activity.type);
  const steps = await x
    .selectFrom("checklist_template_items")
    .select(["id", "label", "step_key"])
    .where("template_id", "=", tpl.id)
    .where("retired", "=", false)
    .orderBy("position")
    .execute();
  if (steps.length === 0) return 0;
  await x
    .insertInto("checklist_items")
    .values(steps.map((s, i) => ({ activity_id: activity.id, template_item_id: s.id, label: s.label, position: i + 1, step_key: s.step_key })))
    .execute();
  return steps.length;
}

async function itemRows(db: Db, where: { enrolmentId?: string; itemId?: string }) {
  let q = withPlacements(db)
    .selectFrom("checklist_items as ci")
    .innerJoin("activities as a", "a.id", "ci.activity_id")
    .leftJoin("users as u", "u.id", "ci.done_by")
    .select(["ci.id", "ci.activity_id", "ci.label", "ci.position", "ci.done_on", "ci.done_by", "ci.not_applicable", "ci.version", "u.name as done_by_name"]);
  if (where.enrolmentId) q = q.where("a.enrolment_id", "=", where.enrolmentId);
  if (where.itemId) q = q.where("ci.id", "=", where.itemId);
  return q.orderBy("a.start_date").orderBy("ci.activity_id").orderBy("ci.position").execute();
}

const presentItem = (r: Awaited<ReturnType<typeof itemRows>>[number]): ChecklistItem => ({
  id: r.id,
  activityId: r.activity_id,
  label: r.label,
  position: r.position,
  doneOn: r.done_on,
  doneBy: r.done_by,
  doneByName: r.done_by_name,
  notApplicable: r.not_applicable,
  version: r.version,
});

/** The checklists of the enrolment's activities that have one. */
export async function listChecklists(db: Db, enrolmentId: string): Promise<Checklist[]> {
  const result: Checklist[] = [];
  for (const r of await itemRows(db, { enrolmentId })) {
    const item = presentItem(r);
    const last = result.at(-1);
    if (last?.activityId === item.activityId) last.items.push(item);
    else result.push({ activityId: item.activityId, items: [item] });
  }
  return result;
}

/** The enrolment a checklist step belongs to, for the access check. */
export async function enrolmentOfChecklistItem(db: Db, itemId: string): Promise<string> {
  const row = await withPlacements(db)
    .selectFrom("checklist_items as ci")
    .innerJoin("activities as a", "a.id", "ci.activity_id")
    .select("a.enrolment_id")
    .where("ci.id", "=", itemId)
    .executeTakeFirst();
  if (!row) throw notFound("Steget");
  return row.enrolment_id;
}

/**
 * Tick (with the day and the user) or untick a step; with `notApplicable`, set it aside as not
 * applying to this placement (with the day and the user too), which also takes it off the open list.
 */
export async function tickItem(db: Db, ctx: Ctx, itemId: string, input: TickInput & { version: number; done: boolean }): Promise<ChecklistItem> {
  const [row] = await itemRows(db, { itemId });
  if (!row) throw notFound("Steget");
  const before = presentItem(row);
  const activity = await db
    .selectFrom("activities as a")
    .innerJoin("enrolments as e", "e.id", "a.enrolment_id")
    .select(["a.start_date", "e.id as enrolment_id", "e.person_id", "e.project_id"])
    .where("a.id", "=", before.activityId)
    .executeTakeFirstOrThrow();
  const today = todayInSweden();
  const doneOn = input.done ? (input.doneOn ?? today) : null;
  if (doneOn && doneOn > today) throw invalidInput({ doneOn: "Ett steg kan inte bockas av med ett datum som inte har kommit än." });
  const userId = ctx.actor.kind === "user" ? ctx.actor.userId : null;
  if (input.done && !userId) throw invalidInput({ done: "Bara en inloggad användare kan bocka av." });
  if (input.notApplicable && !input.done) throw invalidInput({ notApplicable: "Ett steg som inte gäller markeras med done: true." });
  const res = await withPlacements(db)
    .updateTable("checklist_items")
    .set((eb) => ({
      done_on: doneOn,
      done_by: input.done ? userId : null,
      done_at: input.done ? new Date() : null,
      not_applicable: input.done && input.notApplicable === true,
      version: eb("version", "+", 1),
    }))
    .where("id", "=", itemId)
    .where("version", "=", input.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) throw conflict(before);
  const [afterRow] = await itemRows(db, { itemId });
  const after = presentItem(afterRow as NonNullable<typeof afterRow>);
  await writeAudit(db, ctx, {
    action: !input.done ? "checklist.untick" : input.notApplicable ? "checklist.not_applicable" : "checklist.tick",
    subjectType: "person",
    subjectId: activity.person_id,
    projectId: activity.project_id,
    details: { enrolmentId: activity.enrolment_id, activityId: before.activityId, itemId, before, after },
  });
  return after;
}

/** Which checklist step a follow-up stands for: at the end, or early (within two weeks of the start), or later. */
export function stepKeyOf(rule: { anchor: "start" | "end"; unit: "days" | "months"; amount: number }): StepKey {
  if (rule.anchor === "end") return "follow_up_end";
  return rule.unit === "days" && rule.amount < 14 ? "follow_up_early" : "follow_up_month";
}

/**
 * A follow-up was recorded: tick the activity's matching step, if it has one still open, with the
 * follow-up's day and user. Returns the step ticked, for the follow-up's audit entry.
 */
export async function tickStepOfFollowUp(
  db: Db,
  f: { activityId: string; rule: { anchor: "start" | "end"; unit: "days" | "months"; amount: number }; doneOn: string; userId: string },
): Promise<string | null> {
  const step = await withPlacements(db)
    .selectFrom("checklist_items")
    .select("id")
    .where("activity_id", "=", f.activityId)
    .where("step_key", "=", stepKeyOf(f.rule))
    .where("done_on", "is", null)
    .orderBy("position")
    .executeTakeFirst();
  if (!step) return null;
  await withPlacements(db)
    .updateTable("checklist_items")
    .set((eb) => ({ done_on: f.doneOn, done_by: f.userId, done_at: new Date(), version: eb("version", "+", 1) }))
    .where("id", "=", step.id)
    .where("done_on", "is", null)
    .execute();
  return step.id;
}
