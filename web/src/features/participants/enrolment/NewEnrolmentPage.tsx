import { Alert, Button, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateEnrolmentInput } from "../../../../../schemas/participants.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, toNullableInt, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { Loading } from "../../../components/Loading.tsx";
import { AnchorLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate, sortByName, todayIso } from "../../../format.ts";
import { useMe } from "../../auth/session.ts";
import { useProjectCodes } from "../../codes/queries.ts";
import { useProjectAccess } from "../../projects/access.ts";
import { projectQuery } from "../../projects/queries.ts";
import { ProjectSubpage } from "../ProjectSubpage.tsx";
import { coachesQuery, createEnrolment, intakesQuery, participantQuery, referralQuery, refreshParticipant } from "../queries.ts";
import { BackgroundFields, type BackgroundValues, backgroundOf, emptyBackground } from "./BackgroundFields.tsx";
import { type ConsentRow, ConsentRows } from "./ConsentRows.tsx";

const route = getRouteApi("/app/projekt/$projectId/inskrivning/ny");

/** Who is being enrolled: from an accepted referral, or again after an earlier period. */
interface Source {
  personId: string;
  personName: string;
  referralId: string | null;
  /** The party of the referral (shown), or of the earlier period (a default to change). */
  referringParty: string | null;
  referringPartyLabel: string | null;
}

export function NewEnrolmentPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const access = useProjectAccess(projectId);
  const referral = useQuery({ ...referralQuery(search.referral ?? ""), enabled: access.persons && Boolean(search.referral) });
  const previous = useQuery({ ...participantQuery(search.previous ?? ""), enabled: access.persons && !search.referral && Boolean(search.previous) });

  let body: ReactNode;
  if (!access.persons) body = <Text>{t("participants.noAccess")}</Text>;
  else if (search.referral) {
    if (referral.isPending) body = <Loading />;
    else if (referral.isError) body = <ErrorAlert error={referral.error} />;
    else if (referral.data.enrolmentId)
      body = (
        <Alert color="orange" variant="light">
          {t("enrolment.alreadyEnrolled")}{" "}
          <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: referral.data.enrolmentId }}>
            {t("referrals.openParticipant")}
          </AnchorLink>
        </Alert>
      );
    else if (referral.data.decision !== "accepted")
      body = (
        <Alert color="orange" variant="light">
          {t("enrolment.notAccepted")}{" "}
          <AnchorLink to="/projekt/$projectId/aktualiseringar/$referralId" params={{ projectId, referralId: referral.data.id }}>
            {t("enrolment.toReferral")}
          </AnchorLink>
        </Alert>
      );
    else {
      const r = referral.data;
      body = (
        <EnrolmentForm
          projectId={projectId}
          source={{
            personId: r.personId,
            personName: r.personName,
            referralId: r.id,
            referringParty: r.referringParty,
            referringPartyLabel: r.referringPartyLabel,
          }}
        />
      );
    }
  } else if (search.previous) {
    if (previous.isPending) body = <Loading />;
    else if (previous.isError) body = <ErrorAlert error={previous.error} />;
    else {
      const { person, enrolment } = previous.data;
      body = (
        <EnrolmentForm
          projectId={projectId}
          source={{
            personId: person.id,
            personName: `${person.firstName} ${person.lastName}`,
            referralId: null,
            referringParty: enrolment.referringParty,
            referringPartyLabel: null,
          }}
        />
      );
    }
  } else {
    body = (
      <Text>
        {t("enrolment.chooseReferral")}{" "}
        <AnchorLink to="/projekt/$projectId/aktualiseringar" params={{ projectId }} search={{ decision: "accepted" }}>
          {t("referrals.views.accepted")}
        </AnchorLink>
      </Text>
    );
  }

  return (
    <ProjectSubpage projectId={projectId} title={search.previous && !search.referral ? t("enrolment.againTitle") : t("enrolment.newTitle")}>
      {body}
    </ProjectSubpage>
  );
}

function EnrolmentForm({ projectId, source }: { projectId: string; source: Source }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { data: project } = useSuspenseQuery(projectQuery(projectId));
  const intakes = useQuery(intakesQuery(projectId));
  const coaches = useQuery(coachesQuery(projectId));
  const codes = useProjectCodes(projectId);
  const [values, setValues] = useState({
    intakeId: "",
    startDate: todayIso(),
    plannedMonths: (project.plannedMonths ?? "") as string | number,
    coachId: "",
    teamId: "",
    referringParty: source.referralId ? "" : (source.referringParty ?? ""),
  });
  const [background, setBackground] = useState<BackgroundValues>(emptyBackground);
  const [consents, setConsents] = useState<ConsentRow[]>([]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (key: keyof typeof values, value: string | number) => setValues((v) => ({ ...v, [key]: value }));

  const mutation = useMutation({
    mutationFn: (input: CreateEnrolmentInput) => createEnrolment(projectId, input),
    onSuccess: async (saved) => {
      await refreshParticipant(queryClient, projectId);
      await navigate({ to: "/deltagare/$enrolmentId", params: { enrolmentId: saved.id } });
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateEnrolmentInput.safeParse({
      personId: source.personId,
      referralId: source.referralId,
      intakeId: values.intakeId || null,
      teamId: values.teamId || null,
      coachId: values.coachId || null,
      startDate: values.startDate,
      plannedMonths: toNullableInt(values.plannedMonths) ?? undefined,
      referringParty: source.referralId ? null : values.referringParty || null,
      background: backgroundOf(background),
      consents,
    });
    const fields: FieldErrors = {};
    if (!source.referralId && !values.referringParty) fields.referringParty = t("enrolment.partyRequired");
    if (!parsed.success || Object.keys(fields).length > 0) {
      setClientErrors({ ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...fields });
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="lg">
        <ErrorAlert error={mutation.error} />
        <ErrorAlert error={codes.error} />
        <dl className="facts">
          <dt>{t("enrolment.person")}</dt>
          <dd>{source.personName}</dd>
          {source.referralId && (
            <>
              <dt>{t("referrals.referringParty")}</dt>
              <dd>{source.referringPartyLabel}</dd>
            </>
          )}
        </dl>
        {errors.personId && <ErrorAlert error={new Error(errors.personId)} />}
        {errors.referralId && <ErrorAlert error={new Error(errors.referralId)} />}

        <Panel title={t("enrolment.enrolmentTitle")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <NativeSelect
              label={t("enrolment.intake")}
              description={t("common.optional")}
              value={values.intakeId}
              onChange={(e) => set("intakeId", e.currentTarget.value)}
              error={errors.intakeId}
            >
              <option value="">{t("enrolment.noIntake")}</option>
              {(intakes.data?.intakes ?? []).map((i) => (
                <option key={i.id} value={i.id}>
                  {t("enrolment.intakeOption", { name: i.name, date: formatDate(i.startDate) })}
                </option>
              ))}
            </NativeSelect>
            <TextInput
              label={t("enrolment.startDate")}
              type="date"
              required
              value={values.startDate}
              onChange={(e) => set("startDate", e.currentTarget.value)}
              error={errors.startDate}
            />
            <NumberInput
              label={t("enrolment.plannedMonths")}
              description={project.plannedMonths ? t("enrolment.plannedMonthsDefault", { count: project.plannedMonths }) : undefined}
              required
              min={1}
              max={60}
              allowDecimal={false}
              value={values.plannedMonths}
              onChange={(v) => set("plannedMonths", v)}
              error={errors.plannedMonths}
            />
            <NativeSelect
              label={t("enrolment.coach")}
              description={t("common.optional")}
              value={values.coachId}
              onChange={(e) => set("coachId", e.currentTarget.value)}
              error={errors.coachId}
            >
              <option value="">{t("enrolment.noCoachYet")}</option>
              {sortByName(coaches.data?.coaches ?? [], (c) => c.name).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id === me.id ? t("enrolment.me", { name: c.name }) : c.name}
                </option>
              ))}
            </NativeSelect>
            {project.teams.length > 0 && (
              <NativeSelect
                label={t("enrolment.team")}
                description={t("common.optional")}
                value={values.teamId}
                onChange={(e) => set("teamId", e.currentTarget.value)}
                error={errors.teamId}
              >
                <option value="">{t("enrolment.noTeam")}</option>
                {sortByName(project.teams, (x) => x.name).map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </NativeSelect>
            )}
            {!source.referralId && (
              <NativeSelect
                label={t("referrals.referringParty")}
                required
                value={values.referringParty}
                onChange={(e) => set("referringParty", e.currentTarget.value)}
                error={errors.referringParty}
              >
                <option value="">{t("common.choose")}</option>
                {codes.options("referring_party").map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </NativeSelect>
            )}
          </SimpleGrid>
        </Panel>

        <Panel title={t("background.title")}>
          <Text size="sm" mb="sm">
            {t("background.intro")}
          </Text>
          <BackgroundFields values={background} onChange={setBackground} errors={errors} codes={codes} />
        </Panel>

        <Panel title={t("consents.title")}>
          <ConsentRows rows={consents} onChange={setConsents} errors={errors} path="consents" />
        </Panel>

        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("enrolment.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
