import { keepPreviousData, type QueryClient, queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import {
  Caseload,
  type CaseloadQuery,
  type ConsentInput,
  type CreateEnrolmentInput,
  type CreateIntakeInput,
  type CreateReferralInput,
  type DecideReferralInput,
  type DuplicateCheckInput,
  DuplicateMatches,
  Enrolment,
  type ExitInput,
  type ExtendInput,
  Intake,
  IntakeList,
  ParticipantPage,
  ParticipantTimeline,
  type PauseInput,
  Person,
  PersonnummerReveal,
  Referral,
  type ReferralDecision,
  ReferralList,
  type RemoveInput,
  type UpdateEnrolmentInput,
  type UpdateExitInput,
  type UpdateExtensionInput,
  type UpdateIntakeInput,
  type UpdatePauseInput,
  type UpdatePersonInput,
  type UpdateReferralInput,
  type WithdrawConsentInput,
} from "../../../../schemas/participants.ts";
import { apiGet, apiSend, seg } from "../../api.ts";

const project = (projectId: string) => `/projects/${seg(projectId)}`;

// ----- caseload -----

/** POST, because the search may hold a name or a personnummer, which must never be in a URL. */
export const caseloadQuery = (projectId: string, body: CaseloadQuery) =>
  queryOptions({
    queryKey: ["participants", projectId, "caseload", body],
    queryFn: () => apiSend("POST", `${project(projectId)}/caseload`, body, Caseload),
    placeholderData: keepPreviousData,
  });

// ----- staff -----

// The route answers with an inline schema; schemas/ has no shared one for it yet.
const Coaches = z.object({ coaches: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() })) });

export const coachesQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "coaches"],
    queryFn: () => apiGet(`${project(projectId)}/coaches`, Coaches),
    staleTime: 5 * 60_000,
  });

// ----- intakes -----

export const intakesQuery = (projectId: string) =>
  queryOptions({
    queryKey: ["projects", projectId, "intakes"],
    queryFn: () => apiGet(`${project(projectId)}/intakes`, IntakeList),
  });

export function createIntake(projectId: string, input: CreateIntakeInput): Promise<Intake> {
  return apiSend("POST", `${project(projectId)}/intakes`, input, Intake);
}

export function updateIntake(intakeId: string, input: UpdateIntakeInput): Promise<Intake> {
  return apiSend("PATCH", `/intakes/${seg(intakeId)}`, input, Intake);
}

// ----- persons -----

export function checkDuplicates(projectId: string, input: DuplicateCheckInput): Promise<DuplicateMatches> {
  return apiSend("POST", `${project(projectId)}/persons/duplicates`, input, DuplicateMatches);
}

/** The full personnummer; every call is written to the audit log. */
export async function revealPersonnummer(personId: string): Promise<string | null> {
  return (await apiGet(`/persons/${seg(personId)}/personnummer`, PersonnummerReveal)).personnummer;
}

export function updatePerson(personId: string, input: UpdatePersonInput): Promise<Person> {
  return apiSend("PATCH", `/persons/${seg(personId)}`, input, Person);
}

// ----- referrals -----

export const referralsQuery = (projectId: string, decision: ReferralDecision | undefined) =>
  queryOptions({
    queryKey: ["participants", projectId, "referrals", decision ?? "all"],
    queryFn: () => apiGet(`${project(projectId)}/referrals`, ReferralList, { decision }),
  });

export const referralQuery = (referralId: string) =>
  queryOptions({
    queryKey: ["referral", referralId],
    queryFn: () => apiGet(`/referrals/${seg(referralId)}`, Referral),
  });

export function createReferral(projectId: string, input: CreateReferralInput): Promise<Referral> {
  return apiSend("POST", `${project(projectId)}/referrals`, input, Referral);
}

export function updateReferral(referralId: string, input: UpdateReferralInput): Promise<Referral> {
  return apiSend("PATCH", `/referrals/${seg(referralId)}`, input, Referral);
}

export function decideReferral(referralId: string, input: DecideReferralInput): Promise<Referral> {
  return apiSend("POST", `/referrals/${seg(referralId)}/decision`, input, Referral);
}

// ----- enrolments -----

/** Under the enrolment's key, so whatever refreshes the participant refreshes the timeline too. */
export const participantTimelineQuery = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["enrolment", enrolmentId, "timeline"],
    queryFn: () => apiGet(`/enrolments/${seg(enrolmentId)}/timeline`, ParticipantTimeline),
  });

export const participantQuery = (enrolmentId: string) =>
  queryOptions({
    queryKey: ["enrolment", enrolmentId],
    queryFn: () => apiGet(`/enrolments/${seg(enrolmentId)}`, ParticipantPage),
  });

export function createEnrolment(projectId: string, input: CreateEnrolmentInput): Promise<Enrolment> {
  return apiSend("POST", `${project(projectId)}/enrolments`, input, Enrolment);
}

const enrolment = (id: string) => `/enrolments/${seg(id)}`;

export const enrolmentChanges = {
  update: (id: string, input: UpdateEnrolmentInput) => apiSend("PATCH", enrolment(id), input, Enrolment),
  extend: (id: string, input: ExtendInput) => apiSend("POST", `${enrolment(id)}/extensions`, input, Enrolment),
  pause: (id: string, input: PauseInput) => apiSend("POST", `${enrolment(id)}/pauses`, input, Enrolment),
  exit: (id: string, input: ExitInput) => apiSend("POST", `${enrolment(id)}/exit`, input, Enrolment),
  updateExit: (id: string, input: UpdateExitInput) => apiSend("PATCH", `${enrolment(id)}/exit`, input, Enrolment),
  undoExit: (id: string, input: RemoveInput) => apiSend("DELETE", `${enrolment(id)}/exit`, input, Enrolment),
  updatePause: (pauseId: string, input: UpdatePauseInput) => apiSend("PATCH", `/pauses/${seg(pauseId)}`, input, Enrolment),
  removePause: (pauseId: string, input: RemoveInput) => apiSend("DELETE", `/pauses/${seg(pauseId)}`, input, Enrolment),
  updateExtension: (extensionId: string, input: UpdateExtensionInput) => apiSend("PATCH", `/extensions/${seg(extensionId)}`, input, Enrolment),
  removeExtension: (extensionId: string, input: RemoveInput) => apiSend("DELETE", `/extensions/${seg(extensionId)}`, input, Enrolment),
  addConsent: (id: string, input: ConsentInput) => apiSend("POST", `${enrolment(id)}/consents`, input, Enrolment),
  withdrawConsent: (consentId: string, input: WithdrawConsentInput) => apiSend("POST", `/consents/${seg(consentId)}/withdraw`, input, Enrolment),
};

/** After any change to a participant: the page, the lists it appears in, the intake counts. */
export async function refreshParticipant(queryClient: QueryClient, projectId: string, enrolmentId?: string): Promise<void> {
  await Promise.all([
    // The person's other periods list this one too, so every open participant page is refreshed.
    queryClient.invalidateQueries({ queryKey: enrolmentId ? ["enrolment", enrolmentId] : ["enrolment"] }),
    queryClient.invalidateQueries({ queryKey: ["referral"] }),
    queryClient.invalidateQueries({ queryKey: ["participants", projectId] }),
    queryClient.invalidateQueries({ queryKey: ["projects", projectId, "intakes"] }),
  ]);
}
