import { queryOptions } from "@tanstack/react-query";
import {
  EnrolmentQuestionnaires,
  Instrument,
  type InstrumentInput,
  InstrumentList,
  type InstrumentUpdate,
  Licence,
  type LicenceInput,
  LicenceList,
  Questionnaire,
  type QuestionnaireInput,
  QuestionnaireList,
  QuestionnaireResponse,
  type QuestionnaireUpdate,
  RatingSummary,
  type ResponseInput,
  type ResponseUpdate,
  type RoundInput,
  RoundResults,
  Score,
  type ScoreInput,
  ScoreList,
  type ScoreUpdate,
  type SelfEvaluationAnswerInput,
  type SelfEvaluationInput,
  SelfEvaluationList,
  SelfEvaluationResult,
  SelfEvaluationSummary,
  type SelfEvaluationUpdate,
  SessionScores,
} from "../../../../schemas/ratings.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

export const instrumentsQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "rating-instruments"],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/rating-instruments`, InstrumentList),
    staleTime: 5 * 60_000,
  });

export const scoresQuery = (enrolmentId: string) =>
  queryOptions({ queryKey: ["enrolment", enrolmentId, "rating-scores"], queryFn: () => apiGet(`/enrolments/${seg(enrolmentId)}/rating-scores`, ScoreList) });

export const ratingSummaryQuery = (projectId: string, instrument: string, by: "month" | "session", groupId?: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "rating-summary", instrument, by, groupId ?? null],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/rating-summary`, RatingSummary, { instrument, by, ...(groupId && { groupId }) }),
  });

export const sessionScoresQuery = (sessionId: string) =>
  queryOptions({
    queryKey: ["group-sessions", sessionId, "rating-scores"],
    queryFn: () => apiGet(`/group-sessions/${seg(sessionId)}/rating-scores`, SessionScores, { instrument: "gsrs" }),
  });

export const createInstrument = (input: InstrumentInput) => apiSend("POST", "/admin/rating-instruments", input, Instrument);
export const updateInstrument = (id: string, input: InstrumentUpdate) => apiSend("PATCH", `/admin/rating-instruments/${seg(id)}`, input, Instrument);
export const updateQuestionnaire = (id: string, input: QuestionnaireUpdate) => apiSend("PATCH", `/questionnaires/${seg(id)}`, input, Questionnaire);
export const updateSelfEvaluation = (id: string, input: SelfEvaluationUpdate) => apiSend("PATCH", `/self-evaluations/${seg(id)}`, input, SelfEvaluationSummary);

export const createScore = (enrolmentId: string, input: ScoreInput) => apiSend("POST", `/enrolments/${seg(enrolmentId)}/rating-scores`, input, Score);
export const updateScore = (scoreId: string, input: ScoreUpdate) => apiSend("PATCH", `/rating-scores/${seg(scoreId)}`, input, Score);

export const licencesQuery = queryOptions({ queryKey: ["admin", "rating-licences"], queryFn: () => apiGet("/admin/rating-licences", LicenceList) });
export const saveLicence = (organisationId: string, input: LicenceInput) =>
  apiSend("PUT", `/admin/organisations/${seg(organisationId)}/rating-licence`, input, Licence);

export const questionnairesQuery = (projectId: string) =>
  queryOptions({ queryKey: ["projects", projectId, "questionnaires"], queryFn: () => apiGet(`/projects/${seg(projectId)}/questionnaires`, QuestionnaireList) });
export const createQuestionnaire = (projectId: string, input: QuestionnaireInput) =>
  apiSend("POST", `/projects/${seg(projectId)}/questionnaires`, input, Questionnaire);
export const createRound = (questionnaireId: string, input: RoundInput) =>
  apiSend("POST", `/questionnaires/${seg(questionnaireId)}/rounds`, input, Questionnaire);
export const roundResultsQuery = (roundId: string) =>
  queryOptions({
    queryKey: ["questionnaire-rounds", roundId, "results"],
    queryFn: () => apiGet(`/questionnaire-rounds/${seg(roundId)}/results`, RoundResults),
  });

export const enrolmentQuestionnairesQuery = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["enrolment", enrolmentId, "questionnaires"],
    queryFn: () => apiGet(`/enrolments/${seg(enrolmentId)}/questionnaires`, EnrolmentQuestionnaires),
  });
export const saveResponse = (enrolmentId: string, roundId: string, input: ResponseInput | ResponseUpdate) =>
  apiSend("version" in input ? "PUT" : "POST", `/enrolments/${seg(enrolmentId)}/questionnaires/${seg(roundId)}/response`, input, QuestionnaireResponse);

export const selfEvaluationsQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "self-evaluations"],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/self-evaluations`, SelfEvaluationList),
  });
export const selfEvaluationQuery = (id: string) =>
  queryOptions({ queryKey: ["self-evaluations", id], queryFn: () => apiGet(`/self-evaluations/${seg(id)}`, SelfEvaluationResult) });
export const createSelfEvaluation = (projectId: string, input: SelfEvaluationInput) =>
  apiSend("POST", `/projects/${seg(projectId)}/self-evaluations`, input, SelfEvaluationSummary);
export const answerSelfEvaluation = (id: string, input: SelfEvaluationAnswerInput) =>
  apiSend("POST", `/self-evaluations/${seg(id)}/answers`, input, SelfEvaluationSummary);

/** A number the Swedish way: decimal comma, at most `d` decimals. */
export const formatNumber = (v: number | null | undefined, d = 1, language = "sv") =>
  v === null || v === undefined ? "–" : v.toLocaleString(language === "en" ? "en-GB" : "sv-SE", { maximumFractionDigits: d });

/** Axis ticks every 5 (every 10 on a long axis) from `from` to `to`. */
export function axisTicks(from: number, to: number): number[] {
  const step = to - from > 25 ? 10 : 5;
  const out: number[] = [];
  for (let v = Math.ceil(from / step) * step; v <= to; v += step) out.push(v);
  return out;
}
