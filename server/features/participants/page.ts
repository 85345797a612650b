import { CompiledQuery } from "kysely";
import type { ConsentPurpose, PageActivity, PagePlan, ParticipantPage } from "../../../schemas/participants.ts";
import type { Goal } from "../../../schemas/plan.ts";
import type { UserActor } from "../../auth/actor.ts";
import { can, projectsWhere, requireAccess } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { extentOf } from "../activities/service.ts";
import { todayInSweden } from "./dates.ts";
import { type EnrolmentRow, presentEnrolment, statusOf } from "./enrolment-view.ts";
import { type PersonRow, presentPerson } from "./persons.ts";

export const purposeLabel: Record<ConsentPurpose, string> = {
  information_exchange: "Informationsutbyte",
  sus_registration: "Registrering i SUS",
  esf_reporting: "Rapportering till ESF",
  follow_up_contact: "Kontakt för uppföljning",
  share_final_document: "Dela slutdokumentation",
};

/**
 * The participant page in one statement, written out rather than built, since it is the most
 * read page of all: the enrolment with its incomes, consents, extensions and pauses; the person;
 * the person's other periods in the project; the current plan; the activities; the number of
 * open new-planning tasks. It only reads: the route writes the `person.read` audit entry through
 * the audit queue, which commits the entries of concurrent reads together (auth/audit.ts).
 *
 * $1 the enrolment, $2 the projects in which the actor may read persons. Only when the
 * enrolment's project is among them is the person's data read; the caller then checks the
 * project again (requireAccess) and answers 403 otherwise.
 */
const pageSql = `
SELECT e.project_id,
  CASE WHEN e.project_id = ANY($2::uuid[]) THEN json_build_object(
    'enrolment', to_json(e), 'intake_name', i.name, 'coach_name', u.name, 'exit_status_label', xs.label,
    'incomes', (SELECT coalesce(json_agg(json_build_object('phase', ei.phase, 'income_code', ei.income_code, 'share', ei.share)
                                          ORDER BY ei.share DESC, ei.income_code), '[]')
                  FROM enrolment_incomes ei WHERE ei.enrolment_id = e.id),
    'consents', (SELECT coalesce(json_agg(json_build_object('id', c.id, 'purpose', c.purpose, 'receiving_party', c.receiving_party,
                                           'given_on', c.given_on, 'withdrawn_on', c.withdrawn_on, 'note', c.note, 'version', c.version)
                                           ORDER BY c.given_on, c.created_at), '[]')
                   FROM consents c WHERE c.enrolment_id = e.id),
    'extensions', (SELECT coalesce(json_agg(json_build_object('id', x.id, 'decided_on', x.decided_on, 'previous_planned_end', x.previous_planned_end,
                                             'new_planned_end', x.new_planned_end, 'reason_code', x.reason_code, 'label', rc.label, 'note', x.note)
                                             ORDER BY x.decided_on), '[]')
                     FROM extensions x
                     LEFT JOIN codes rc ON rc.project_id = e.project_id AND rc.list = 'extension_reason' AND rc.code = x.reason_code
                    WHERE x.enrolment_id = e.id),
    'pauses', (SELECT coalesce(json_agg(json_build_object('id', pa.id, 'from_date', pa.from_date, 'to_date', pa.to_date, 'reason', pa.reason)
                                         ORDER BY pa.from_date), '[]')
                 FROM pauses pa WHERE pa.enrolment_id = e.id),
    'person', to_json(p),
    'periods', (SELECT coalesce(json_agg(json_build_object('id', o.id, 'start_date', o.start_date, 'exit_date', o.exit_date,
                                         'pauses', (SELECT coalesce(json_agg(json_build_object('from_date', op.from_date, 'to_date', op.to_date)), '[]')
                                                      FROM pauses op WHERE op.enrolment_id = o.id))
                                         ORDER BY o.start_date DESC), '[]')
                  FROM enrolments o WHERE o.person_id = e.person_id AND o.project_id = e.project_id AND o.id <> e.id),
    'plan', (SELECT json_build_object('number', pr.number, 'created_at', pr.created_at, 'created_by_name', cu.name, 'goals', pr.goals)
               FROM plan_revisions pr LEFT JOIN users cu ON cu.id = pr.created_by
              WHERE pr.enrolment_id = e.id ORDER BY pr.number DESC LIMIT 1),
    'activities', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'type_code', a.type_code, 'type_label', ac.label,
                                            'start_date', a.start_date, 'end_date', a.end_date, 'status', a.status,
                                            'extent_unit', a.extent_unit, 'extent_value', a.extent_value)
                                            ORDER BY a.start_date, a.created_at), '[]')
                     FROM activities a
                     LEFT JOIN codes ac ON ac.project_id = e.project_id AND ac.list = 'activity_type' AND ac.code = a.type_code
                    WHERE a.enrolment_id = e.id),
    'open_tasks', (SELECT count(*) FROM tasks t WHERE t.enrolment_id = e.id AND t.done_at IS NULL)
  ) END AS page
FROM enrolments e
JOIN persons p ON p.id = e.person_id
LEFT JOIN intakes i ON i.id = e.intake_id
LEFT JOIN users u ON u.id = e.coach_id
LEFT JOIN codes xs ON xs.project_id = e.project_id AND xs.list = 'exit_status' AND xs.code = e.exit_status_code
WHERE e.id = $1`;

interface PageRow {
  enrolment: Omit<EnrolmentRow, "intake_name" | "coach_name" | "exit_status_label" | "incomes" | "consents" | "extensions" | "pauses">;
  intake_name: string | null;
  coach_name: string | null;
  exit_status_label: string | null;
  incomes: EnrolmentRow["incomes"];
  consents: EnrolmentRow["consents"];
  extensions: EnrolmentRow["extensions"];
  pauses: EnrolmentRow["pauses"];
  person: PersonRow;
  periods: { id: string; start_date: string; exit_date: string | null; pauses: { from_date: string; to_date: string }[] }[];
  plan: { number: number; created_at: string; created_by_name: string | null; goals: Goal[] } | null;
  activities: {
    id: string;
    type_code: string;
    type_label: string | null;
    start_date: string;
    end_date: string | null;
    status: PageActivity["status"];
    extent_unit: "percent" | "hours_per_week" | null;
    extent_value: number | string | null;
  }[];
  open_tasks: number;
}

function presentPlan(plan: PageRow["plan"]): PagePlan | null {
  if (!plan) return null;
  return {
    number: plan.number,
    createdAt: new Date(plan.created_at).toISOString(),
    createdByName: plan.created_by_name,
    goals: plan.goals.map((g) => ({
      id: g.id,
      title: g.title,
      status: g.status,
      dueDate: g.dueDate,
      subGoals: g.subGoals.length,
      subGoalsReached: g.subGoals.filter((s) => s.status === "reached").length,
    })),
  };
}

/**
 * What the participant page and every part of the record show at the top: the person, this
 * enrolment, the person's other periods in the project, and what is going on now (the current
 * plan, the activities, open new-planning tasks). The actor needs `person.read` in the
 * enrolment's project. The caller writes the read to the audit log; the timeline is its own
 * request (timeline.ts).
 */
export async function participantPage(db: Db, actor: UserActor, enrolmentId: string): Promise<ParticipantPage> {
  const readable = projectsWhere(actor, "person.read");
  const { rows } = await db.executeQuery<{ project_id: string; page: PageRow | null }>(CompiledQuery.raw(pageSql, [enrolmentId, readable]));
  const row = rows[0];
  if (!row) throw notFound("Inskrivningen");
  const projectId = row.project_id;
  requireAccess(actor, "person.read", { projectId });
  const page = row.page;
  if (!page) throw notFound("Inskrivningen");
  const today = todayInSweden();
  return {
    person: presentPerson(page.person),
    enrolment: presentEnrolment(
      {
        ...page.enrolment,
        intake_name: page.intake_name,
        coach_name: page.coach_name,
        exit_status_label: page.exit_status_label,
        incomes: page.incomes,
        consents: page.consents,
        extensions: page.extensions,
        pauses: page.pauses,
      },
      today,
    ),
    otherEnrolments: page.periods.map((p) => ({
      id: p.id,
      startDate: p.start_date,
      exitDate: p.exit_date,
      status: statusOf(
        p,
        p.pauses.map((x) => ({ fromDate: x.from_date, toDate: x.to_date })),
        today,
      ),
    })),
    plan: presentPlan(page.plan),
    activities: page.activities.map((a) => ({
      id: a.id,
      type: a.type_code,
      typeLabel: a.type_label ?? a.type_code,
      startDate: a.start_date,
      endDate: a.end_date,
      status: a.status,
      extent: extentOf(a.extent_unit, a.extent_value),
    })),
    openPlanningTasks: Number(page.open_tasks),
    canSeeSensitive: can(actor, "person.sensitive", { projectId }),
  };
}
