import type { SessionScores } from "../../../schemas/ratings.ts";
import type { Db } from "../../db/client.ts";
import { attendanceRegister } from "../groups/attendance.ts";
import { getInstrument, listScores } from "./scores.ts";
import "./tables.ts";

/**
 * One group session's scores of a scale: the participants of the attendance register (those in
 * the group that day, and anyone registered), each with the score given at this session, if any.
 */
export async function sessionScores(db: Db, sessionId: string, code: string): Promise<SessionScores> {
  const register = await attendanceRegister(db, sessionId);
  const instrument = await getInstrument(db, { code });
  const ids = register.rows.map((r) => r.enrolmentId);
  const given =
    ids.length === 0
      ? []
      : await db
          .selectFrom("rating_scores")
          .select(["id", "enrolment_id"])
          .where("instrument_id", "=", instrument.id)
          .where("context_kind", "=", "group_session")
          .where("context_id", "=", sessionId)
          .where("enrolment_id", "in", ids)
          .execute();
  const scores = new Map<string, SessionScores["rows"][number]["score"]>();
  for (const enrolmentId of new Set(given.map((g) => g.enrolment_id))) {
    // listScores gives the change from the first and previous score, which the panel shows.
    for (const s of await listScores(db, enrolmentId)) if (given.some((g) => g.id === s.id)) scores.set(enrolmentId, s);
  }
  return {
    session: register.session,
    groupName: register.groupName,
    projectId: register.projectId,
    instrument,
    rows: register.rows.map((r) => ({
      enrolmentId: r.enrolmentId,
      personId: r.personId,
      name: r.name,
      attendance: r.status,
      score: scores.get(r.enrolmentId) ?? null,
    })),
  };
}
