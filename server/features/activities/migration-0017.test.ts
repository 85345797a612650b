import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openPglite } from "../../db/client.ts";
import { listMigrations } from "../../db/migrate.ts";
import { DEFAULT_INTERNSHIP_STEPS } from "./checklists.ts";

// Migration 0017 changes data as well as tables: duplicate tasks, the internship details' own
// employer id and untouched default checklists. Run it over a database holding the old shapes.

const OLD_STEPS = DEFAULT_INTERNSHIP_STEPS.filter((s) => !/^(Kalla deltagaren|Fråga om praktikplats|Vid möjlig anställning)/.test(s));
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const ids = { org: id(1), unit: id(2), project: id(3), user: id(4), person: id(5), enrolment: id(6), employer: id(7), a1: id(8), a2: id(9), tpl: id(10) };

let handle: DbHandle;
beforeAll(async () => {
  handle = await openPglite(undefined);
  const migrations = listMigrations();
  for (const m of migrations.filter((x) => x.name < "0017")) await handle.exec(m.sql);
  await handle.exec(`
    INSERT INTO organisations (id, name) VALUES ('${ids.org}', 'Älvby kommun');
    INSERT INTO units (id, organisation_id, name) VALUES ('${ids.unit}', '${ids.org}', 'Arbetsmarknadsenheten');
    INSERT INTO projects (id, unit_id, slug, name) VALUES ('${ids.project}', '${ids.unit}', 'steget-prov', 'Steget');
    INSERT INTO users (id, email, name, password_hash) VALUES ('${ids.user}', 'coach@example.se', 'Coach Provsson', 'x');
    INSERT INTO codes (project_id, list, code, label, national_category) VALUES ('${ids.project}', 'activity_type', 'praktik', 'Praktik', 'praktik');
    INSERT INTO persons (id, organisation_id, first_name, last_name, sort_name, gender, birth_date)
      VALUES ('${ids.person}', '${ids.org}', 'Alva', 'Provsson', 'provsson alva', 'kvinna', '1999-04-01');
    INSERT INTO enrolments (id, project_id, person_id, start_date, planned_months, planned_end_date)
      VALUES ('${ids.enrolment}', '${ids.project}', '${ids.person}', '2025-01-01', 12, '2025-12-31');
    INSERT INTO employers (id, organisation_id, name, sector) VALUES ('${ids.employer}', '${ids.org}', 'Provverkstaden AB', 'private');
    INSERT INTO activities (id, enrolment_id, type_code, start_date, end_date, status, details) VALUES
      ('${ids.a1}', '${ids.enrolment}', 'praktik', '2025-02-01', '2025-04-30', 'ended',
       '{"kind": "internship", "employerId": "${ids.employer}", "workplace": null, "supervisorName": null, "purpose": null, "activitySupportDecision": null}'),
      ('${ids.a2}', '${ids.enrolment}', 'praktik', '2025-05-01', '2025-06-30', 'ended',
       '{"kind": "internship", "employerId": "${id(99)}", "workplace": "Annan plats", "supervisorName": null, "purpose": null, "activitySupportDecision": null}');
    INSERT INTO tasks (enrolment_id, kind, activity_id, reason, created_at, done_at, done_by) VALUES
      ('${ids.enrolment}', 'new_planning', '${ids.a1}', 'a1 old, done', '2025-05-01', '2025-05-02', '${ids.user}'),
      ('${ids.enrolment}', 'new_planning', '${ids.a1}', 'a1 new, open', '2025-05-03', NULL, NULL),
      ('${ids.enrolment}', 'new_planning', '${ids.a2}', 'a2 old, done', '2025-07-01', '2025-07-02', '${ids.user}'),
      ('${ids.enrolment}', 'new_planning', '${ids.a2}', 'a2 new, done', '2025-07-03', '2025-07-04', '${ids.user}');
    INSERT INTO checklist_templates (id, project_id, type_code, version) VALUES ('${ids.tpl}', '${ids.project}', 'praktik', 0);
  `);
  for (const [i, label] of OLD_STEPS.entries())
    await sql`INSERT INTO checklist_template_items (template_id, label, position) VALUES (${ids.tpl}, ${label}, ${i + 1})`.execute(handle.db);
  for (const m of migrations.filter((x) => x.name >= "0017")) await handle.exec(m.sql);
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

describe("migration 0017 over the old shapes", () => {
  it("keeps one new-planning task per activity: the open one, else the latest", async () => {
    const rows = await sql<{ reason: string }>`SELECT reason FROM tasks ORDER BY reason`.execute(handle.db);
    expect(rows.rows.map((r) => r.reason)).toEqual(["a1 new, open", "a2 new, done"]);
  });

  it("turns the internship details' employer id into the network link where the employer is the organisation's, and drops it everywhere", async () => {
    const rows = await sql<{ id: string; employer_id: string | null; details: Record<string, unknown> }>`
      SELECT id, employer_id, details FROM activities ORDER BY start_date`.execute(handle.db);
    expect(rows.rows.map((r) => r.employer_id)).toEqual([ids.employer, null]);
    expect(rows.rows.every((r) => !("employerId" in r.details))).toBe(true);
    expect(rows.rows[1]?.details).toMatchObject({ kind: "internship", workplace: "Annan plats" });
  });

  it("gives an untouched internship template the added steps in their places, and marks the follow-up steps", async () => {
    const rows = await sql<{ label: string; position: number; step_key: string | null }>`
      SELECT label, position, step_key FROM checklist_template_items WHERE template_id = ${ids.tpl} ORDER BY position`.execute(handle.db);
    expect(rows.rows.map((r) => r.label)).toEqual(DEFAULT_INTERNSHIP_STEPS);
    expect(rows.rows.map((r) => r.position)).toEqual(DEFAULT_INTERNSHIP_STEPS.map((_, i) => i + 1));
    expect(rows.rows.filter((r) => r.step_key).map((r) => [r.step_key, r.label.slice(0, 20)])).toEqual([
      ["follow_up_early", "Ring arbetsplatsen e"],
      ["follow_up_month", "Besök eller ring arb"],
      ["follow_up_end", "Avslutande uppföljni"],
    ]);
  });
});
