// The ceiling the participant page is measured against: a bare Fastify server (no plugins, no
// session, no audit, no validation) whose route answers with one prepared `pg` statement that
// reads the same rows as the page — enrolment, person, incomes, consents, extensions, pauses, the
// person's other periods, the current plan, the activities and the open new-planning tasks — and
// hands PostgreSQL's JSON text straight to the client.
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import Fastify from "fastify";
import pg from "pg";

const page = {
  name: "participant_page_ceiling",
  text: `
SELECT json_build_object(
  'enrolment', to_json(e),
  'intakeName', i.name,
  'coachName', u.name,
  'exitStatusLabel', xs.label,
  'person', to_json(p),
  'incomes', (SELECT coalesce(json_agg(json_build_object('phase', ei.phase, 'code', ei.income_code, 'share', ei.share) ORDER BY ei.share DESC, ei.income_code), '[]')
                FROM enrolment_incomes ei WHERE ei.enrolment_id = e.id),
  'consents', (SELECT coalesce(json_agg(c ORDER BY c.given_on, c.created_at), '[]') FROM consents c WHERE c.enrolment_id = e.id),
  'extensions', (SELECT coalesce(json_agg(json_build_object('id', x.id, 'decidedOn', x.decided_on, 'previousPlannedEnd', x.previous_planned_end,
                        'newPlannedEnd', x.new_planned_end, 'reason', x.reason_code, 'reasonLabel', rc.label, 'note', x.note) ORDER BY x.decided_on), '[]')
                   FROM extensions x
                   LEFT JOIN codes rc ON rc.project_id = e.project_id AND rc.list = 'extension_reason' AND rc.code = x.reason_code
                  WHERE x.enrolment_id = e.id),
  'pauses', (SELECT coalesce(json_agg(json_build_object('id', pa.id, 'fromDate', pa.from_date, 'toDate', pa.to_date, 'reason', pa.reason) ORDER BY pa.from_date), '[]')
               FROM pauses pa WHERE pa.enrolment_id = e.id),
  'otherEnrolments', (SELECT coalesce(json_agg(json_build_object('id', o.id, 'startDate', o.start_date, 'exitDate', o.exit_date,
                        'pauses', (SELECT coalesce(json_agg(json_build_object('fromDate', op.from_date, 'toDate', op.to_date)), '[]') FROM pauses op WHERE op.enrolment_id = o.id))
                        ORDER BY o.start_date DESC), '[]')
                        FROM enrolments o WHERE o.person_id = e.person_id AND o.project_id = e.project_id AND o.id <> e.id),
  'plan', (SELECT json_build_object('number', pr.number, 'createdAt', pr.created_at, 'createdByName', cu.name, 'goals', pr.goals)
             FROM plan_revisions pr LEFT JOIN users cu ON cu.id = pr.created_by WHERE pr.enrolment_id = e.id ORDER BY pr.number DESC LIMIT 1),
  'activities', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'type', a.type_code, 'typeLabel', ac.label, 'startDate', a.start_date,
                   'endDate', a.end_date, 'status', a.status, 'extentUnit', a.extent_unit, 'extentValue', a.extent_value) ORDER BY a.start_date, a.created_at), '[]')
                   FROM activities a LEFT JOIN codes ac ON ac.project_id = e.project_id AND ac.list = 'activity_type' AND ac.code = a.type_code
                  WHERE a.enrolment_id = e.id),
  'openPlanningTasks', (SELECT count(*) FROM tasks t WHERE t.enrolment_id = e.id AND t.done_at IS NULL)
)::text AS page
FROM enrolments e
JOIN persons p ON p.id = e.person_id
LEFT JOIN intakes i ON i.id = e.intake_id
LEFT JOIN users u ON u.id = e.coach_id
LEFT JOIN codes xs ON xs.project_id = e.project_id AND xs.list = 'exit_status' AND xs.code = e.exit_status_code
WHERE e.id = $1`,
};

// On PostgreSQL a pool of 10 connections and a prepared statement; with STEGVIS_DATA_DIR the
// embedded database in that folder, opened in this process as the app opens it.
const dataDir = process.env.STEGVIS_DATA_DIR;
let query: (id: string) => Promise<{ page: string }[]>;
let close: () => Promise<void>;
if (dataDir) {
  const pglite = await PGlite.create({ dataDir, extensions: { pg_trgm } });
  await pglite.exec("SET TIME ZONE 'Europe/Stockholm'");
  query = async (id) => (await pglite.query<{ page: string }>(page.text, [id])).rows;
  close = () => pglite.close();
} else {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10, options: "-c TimeZone=Europe/Stockholm" });
  query = async (id) => (await pool.query<{ page: string }>({ ...page, values: [id] })).rows;
  close = () => pool.end();
}
const app = Fastify();
app.get("/api/health", async () => ({ status: "ok" }));
app.get<{ Params: { id: string } }>("/api/enrolments/:id", async (req, reply) => {
  const rows = await query(req.params.id);
  const row = rows[0];
  if (!row) return reply.code(404).send({ error: { code: "not_found" } });
  return reply.type("application/json").send(row.page);
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? "127.0.0.1" });

const stop = async () => {
  await app.close();
  await close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
