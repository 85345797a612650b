import type { Code, CodeListName, CreateCodeInput, UpdateCodeInput } from "../../../schemas/codes.ts";
import { NationalCategories } from "../../../schemas/codes.ts";
import { type ServiceContext, writeAudit } from "../../auth/audit.ts";
import type { Db } from "../../db/client.ts";
import { AppError, conflict, notFound } from "../../errors.ts";
import { defaultCodes } from "./defaults.ts";

type Ctx = ServiceContext;

type CodeRow = {
  id: string;
  list: CodeListName;
  code: string;
  label: string;
  national_category: string | null;
  sort_order: number;
  retired_at: Date | null;
  version: number;
};

export const presentCode = (c: CodeRow): Code => ({
  id: c.id,
  list: c.list,
  code: c.code,
  label: c.label,
  nationalCategory: c.national_category,
  sortOrder: c.sort_order,
  retired: c.retired_at != null,
  version: c.version,
});

/**
 * The code a spreadsheet value most likely means: "Försörjningsstöd" and "FK_aktivitetsersättning"
 * become "forsorjningsstod" and "fk_aktivitetsersattning", the form codes are stored in.
 */
export function foldToCode(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s-]+/g, "_")
    .replace(/[^a-z0-9_]/g, "");
}

/** Give a project the default code lists it does not have yet (new projects, older installs). */
export async function ensureDefaultCodes(db: Db, projectId: string): Promise<number> {
  const existing = await db.selectFrom("codes").select(["list", "code"]).where("project_id", "=", projectId).execute();
  const have = new Set(existing.map((c) => `${c.list}:${c.code}`));
  const rows = Object.entries(defaultCodes).flatMap(([list, codes]) =>
    codes
      .map(([code, label, national], i) => ({
        project_id: projectId,
        list: list as CodeListName,
        code,
        label,
        national_category: national,
        sort_order: (i + 1) * 10,
      }))
      .filter((r) => !have.has(`${r.list}:${r.code}`)),
  );
  if (rows.length) await db.insertInto("codes").values(rows).execute();
  return rows.length;
}

export function listCodes(db: Db, projectId: string, list?: CodeListName) {
  let q = db
    .selectFrom("codes")
    .select(["id", "list", "code", "label", "national_category", "sort_order", "retired_at", "version"])
    .where("project_id", "=", projectId);
  if (list) q = q.where("list", "=", list);
  return q.orderBy("list").orderBy("sort_order").orderBy("label").execute();
}

/**
 * The code must exist in the project's list; a retired code is refused for new records but
 * kept on old ones (`allowRetired`). Accepts the code or its label.
 */
export async function resolveCode(db: Db, projectId: string, list: CodeListName, value: string, field: string, { allowRetired = false } = {}): Promise<string> {
  const rows = await db.selectFrom("codes").select(["code", "label", "retired_at"]).where("project_id", "=", projectId).where("list", "=", list).execute();
  const v = value.trim().toLowerCase();
  const hit = rows.find((r) => r.code === v) ?? rows.find((r) => r.label.toLowerCase() === v) ?? rows.find((r) => r.code === foldToCode(v));
  if (!hit) throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { [field]: `”${value}” finns inte i projektets kodlista.` } });
  if (hit.retired_at && !allowRetired)
    throw new AppError("invalid_input", "Några uppgifter behöver rättas.", { fields: { [field]: `”${hit.label}” är inte längre i bruk. Välj en annan.` } });
  return hit.code;
}

function checkCategory(list: CodeListName, category: string | null | undefined) {
  if (category == null) return;
  const allowed = NationalCategories[list];
  if (allowed.length && !allowed.some((c) => c.value === category)) {
    throw new AppError("invalid_input", "Några uppgifter behöver rättas.", {
      fields: { nationalCategory: `Välj en av: ${allowed.map((c) => c.value).join(", ")}` },
    });
  }
}

export async function createCode(db: Db, ctx: Ctx, projectId: string, input: CreateCodeInput): Promise<Code> {
  checkCategory(input.list, input.nationalCategory);
  const dup = await db
    .selectFrom("codes")
    .select("id")
    .where("project_id", "=", projectId)
    .where("list", "=", input.list)
    .where("code", "=", input.code)
    .executeTakeFirst();
  if (dup) throw new AppError("conflict", "Koden finns redan i listan.", { fields: { code: "Koden finns redan i listan." } });
  const max = await db
    .selectFrom("codes")
    .select((eb) => eb.fn.max("sort_order").as("m"))
    .where("project_id", "=", projectId)
    .where("list", "=", input.list)
    .executeTakeFirst();
  const row = await db
    .insertInto("codes")
    .values({
      project_id: projectId,
      list: input.list,
      code: input.code,
      label: input.label,
      national_category: input.nationalCategory,
      sort_order: input.sortOrder ?? Number(max?.m ?? 0) + 10,
    })
    .returning(["id", "list", "code", "label", "national_category", "sort_order", "retired_at", "version"])
    .executeTakeFirstOrThrow();
  await writeAudit(db, ctx, {
    action: "code.create",
    subjectType: "code",
    subjectId: row.id,
    projectId,
    details: { list: row.list, code: row.code, label: row.label },
  });
  return presentCode(row);
}

export async function updateCode(db: Db, ctx: Ctx, projectId: string, id: string, input: UpdateCodeInput): Promise<Code> {
  const before = await db
    .selectFrom("codes")
    .select(["id", "list", "code", "label", "national_category", "sort_order", "retired_at", "version"])
    .where("id", "=", id)
    .where("project_id", "=", projectId)
    .executeTakeFirst();
  if (!before) throw notFound("Koden");
  checkCategory(before.list, input.nationalCategory);
  const row = await db
    .updateTable("codes")
    .set((eb) => ({
      ...(input.label !== undefined && { label: input.label }),
      ...(input.nationalCategory !== undefined && { national_category: input.nationalCategory }),
      ...(input.sortOrder !== undefined && { sort_order: input.sortOrder }),
      ...(input.retired !== undefined && { retired_at: input.retired ? (before.retired_at ?? new Date()) : null }),
      version: eb("version", "+", 1),
    }))
    .where("id", "=", id)
    .where("version", "=", input.version)
    .returning(["id", "list", "code", "label", "national_category", "sort_order", "retired_at", "version"])
    .executeTakeFirst();
  if (!row) throw conflict(presentCode(before));
  await writeAudit(db, ctx, {
    action: "code.update",
    subjectType: "code",
    subjectId: id,
    projectId,
    details: { before: presentCode(before), after: presentCode(row) },
  });
  return presentCode(row);
}
