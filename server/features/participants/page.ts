import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { ConsentPurpose, ParticipantPage } from "../../../schemas/participants.ts";
import type { Actor } from "../../auth/actor.ts";
import { can, requireAccess } from "../../auth/can.ts";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import { todayInSweden } from "./dates.ts";
import { loadEnrolment, statusOf } from "./enrolment-view.ts";
import { presentPerson } from "./persons.ts";

export const purposeLabel: Record<ConsentPurpose, string> = {
  information_exchange: "Informationsutbyte",
  sus_registration: "Registrering i SUS",
  esf_reporting: "Rapportering till ESF",
  follow_up_contact: "Kontakt för uppföljning",
  share_final_document: "Dela slutdokumentation",
};

/**
 * What the participant page and every part of the record show at the top: the person, this
 * enrolment, and the person's other periods in the project. Two statements. The actor needs
 * `person.read` in the enrolment's project; that is checked on the enrolment as loaded, before
 * the person is read. The timeline is its own request (timeline.ts).
 */
export async function participantPage(db: Db, actor: Actor, enrolmentId: string): Promise<ParticipantPage> {
  const enrolment = await loadEnrolment(db, enrolmentId);
  const projectId = enrolment.projectId;
  requireAccess(actor, "person.read", { projectId });
  const person = await db
    .selectFrom("persons as p")
    .selectAll("p")
    .select((eb) =>
      jsonArrayFrom(
        eb
          .selectFrom("enrolments as e")
          .select(["e.id", "e.start_date", "e.exit_date"])
          .select((eb2) =>
            jsonArrayFrom(eb2.selectFrom("pauses as pa").select(["pa.from_date", "pa.to_date"]).whereRef("pa.enrolment_id", "=", "e.id")).as("pauses"),
          )
          .whereRef("e.person_id", "=", "p.id")
          .where("e.project_id", "=", projectId)
          .where("e.id", "!=", enrolmentId)
          .orderBy("e.start_date", "desc"),
      ).as("periods"),
    )
    .where("p.id", "=", enrolment.personId)
    .executeTakeFirst();
  if (!person) throw notFound("Personen");
  const { periods, ...personRow } = person;
  const today = todayInSweden();
  return {
    person: presentPerson(personRow),
    enrolment,
    otherEnrolments: periods.map((p) => ({
      id: p.id,
      startDate: p.start_date,
      exitDate: p.exit_date,
      status: statusOf(
        p,
        p.pauses.map((x) => ({ fromDate: x.from_date, toDate: x.to_date })),
        today,
      ),
    })),
    canSeeSensitive: can(actor, "person.sensitive", { projectId }),
  };
}
