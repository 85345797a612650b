import { Alert, Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CreateReferralInput, type DuplicateMatches as Matches, type Referral } from "../../../../../schemas/participants.ts";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate, todayIso } from "../../../format.ts";
import { useProjectCodes } from "../../codes/queries.ts";
import { useProjectAccess } from "../../projects/access.ts";
import { projectQuery } from "../../projects/queries.ts";
import { emptyPerson, PersonFields, type PersonValues, personInputOf } from "../PersonFields.tsx";
import { ProjectSubpage } from "../ProjectSubpage.tsx";
import { checkDuplicates, createReferral, refreshParticipant } from "../queries.ts";
import { DuplicateMatches } from "./DuplicateMatches.tsx";

const route = getRouteApi("/app/projekt/$projectId/aktualiseringar/ny");
type Match = Matches["matches"][number];

/** What the duplicate check looks at; a new check is needed when any of it changes. */
const identityOf = (p: PersonValues) => JSON.stringify([p.personnummer.trim(), p.firstName.trim(), p.lastName.trim(), p.birthDate]);

export function NewReferralPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const access = useProjectAccess(projectId);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const codes = useProjectCodes(projectId);
  const formRef = useRef<HTMLFormElement>(null);

  const [person, setPerson] = useState<PersonValues>(emptyPerson);
  const [existing, setExisting] = useState<Match | null>(null);
  const [matches, setMatches] = useState<Match[] | null>(null);
  // The identity the user has confirmed is a new person, after seeing the matches.
  const [checkedIdentity, setCheckedIdentity] = useState<string | null>(null);
  const [referral, setReferral] = useState({
    referredOn: todayIso(),
    referringParty: "",
    contactPerson: "",
    note: "",
    district: "",
    incomeCode: "",
    outsideTargetGroupNote: "",
  });
  const project = useQuery(projectQuery(projectId));
  const target = project.data?.targetGroup;
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);

  const duplicates = useMutation({
    mutationFn: (p: PersonValues) =>
      checkDuplicates(projectId, {
        personnummer: p.personnummer.trim() || null,
        firstName: p.firstName.trim(),
        lastName: p.lastName.trim(),
        birthDate: p.birthDate || undefined,
      }),
  });
  const save = useMutation({
    mutationFn: (input: CreateReferralInput) => createReferral(projectId, input),
    onSuccess: async (saved: Referral) => {
      await refreshParticipant(queryClient, projectId);
      await navigate({ to: "/projekt/$projectId/aktualiseringar/$referralId", params: { projectId, referralId: saved.id } });
    },
  });
  const errors = mergeFieldErrors(clientErrors, save.error);
  useFocusFirstError(formRef, errors, attempt);

  function inputFor(usePerson: Match | null): ReturnType<typeof CreateReferralInput.safeParse> {
    return CreateReferralInput.safeParse({
      ...(usePerson ? { personId: usePerson.personId } : { person: personInputOf(person) }),
      referredOn: referral.referredOn,
      referringParty: referral.referringParty,
      contactPerson: referral.contactPerson,
      note: referral.note,
      district: referral.district,
      incomeCode: referral.incomeCode || null,
      outsideTargetGroupNote: referral.outsideTargetGroupNote,
    });
  }

  async function submit(event: FormEvent | null, confirmedNew = false) {
    event?.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = inputFor(existing);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    // Link, not merge: before a new person is saved, look for one who is already registered.
    if (!existing && !confirmedNew && checkedIdentity !== identityOf(person)) {
      const found = await duplicates.mutateAsync(person).catch(() => null);
      if (found && found.matches.length > 0) {
        setMatches(found.matches);
        return;
      }
    }
    save.mutate(parsed.data);
  }

  function chooseExisting(m: Match) {
    setExisting(m);
    setMatches(null);
  }

  function registerNew() {
    setCheckedIdentity(identityOf(person));
    setMatches(null);
    void submit(null, true);
  }

  const setRef = (key: keyof typeof referral, value: string) => setReferral((r) => ({ ...r, [key]: value }));

  if (!access.persons) {
    return (
      <ProjectSubpage projectId={projectId} title={t("referrals.newTitle")}>
        <Text>{t("participants.noAccess")}</Text>
      </ProjectSubpage>
    );
  }

  return (
    <ProjectSubpage projectId={projectId} title={t("referrals.newTitle")}>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="lg" maw={760}>
          <ErrorAlert error={save.error ?? duplicates.error} />
          <ErrorAlert error={codes.error} />
          <Panel title={t("referrals.personTitle")}>
            {existing ? (
              <Alert color="stegvis" variant="light" title={t("referrals.existingPerson")}>
                <Stack gap="xs">
                  <Text size="sm">
                    {existing.name}, {t("referrals.duplicates.born", { date: formatDate(existing.birthDate) })}
                  </Text>
                  <Group>
                    <Button size="compact-sm" variant="default" onClick={() => setExisting(null)}>
                      {t("referrals.changePerson")}
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : (
              <Stack gap="md">
                <Text size="sm">{t("referrals.personHelp")}</Text>
                <PersonFields
                  values={person}
                  onChange={(next) => {
                    setPerson(next);
                    setMatches(null);
                  }}
                  errors={errors}
                  prefix="person."
                />
                {errors.person && (
                  <Text c="red.7" size="sm" role="alert">
                    {errors.person}
                  </Text>
                )}
              </Stack>
            )}
          </Panel>

          {matches && <DuplicateMatches matches={matches} onUse={chooseExisting} onNew={registerNew} />}

          <Panel title={t("referrals.referralTitle")}>
            <Stack gap="sm">
              <TextInput
                label={t("referrals.referredOn")}
                type="date"
                required
                value={referral.referredOn}
                onChange={(e) => setRef("referredOn", e.currentTarget.value)}
                error={errors.referredOn}
                maw={220}
              />
              <NativeSelect
                label={t("referrals.referringParty")}
                required
                value={referral.referringParty}
                onChange={(e) => setRef("referringParty", e.currentTarget.value)}
                error={errors.referringParty}
                maw={420}
              >
                <option value="">{t("common.choose")}</option>
                {codes.options("referring_party").map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </NativeSelect>
              <TextInput
                label={t("referrals.contactPerson")}
                description={t("referrals.contactPersonHelp")}
                value={referral.contactPerson}
                onChange={(e) => setRef("contactPerson", e.currentTarget.value)}
                error={errors.contactPerson}
              />
              <TextInput
                label={t("referrals.district")}
                description={target?.districts.length ? t("referrals.districtLimited", { list: target.districts.join(", ") }) : t("referrals.districtHelp")}
                value={referral.district}
                onChange={(e) => setRef("district", e.currentTarget.value)}
                error={errors.district}
                maw={420}
              />
              <NativeSelect
                label={t("referrals.income")}
                description={
                  target?.incomes.length
                    ? t("referrals.incomeLimited", { list: target.incomes.map((c) => codes.label("income_type", c)).join(", ") })
                    : t("referrals.incomeHelp")
                }
                value={referral.incomeCode}
                onChange={(e) => setRef("incomeCode", e.currentTarget.value)}
                error={errors.incomeCode}
                maw={420}
              >
                <option value="">{t("referrals.incomeUnknown")}</option>
                {codes.options("income_type").map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </NativeSelect>
              <Textarea
                label={t("referrals.note")}
                description={t("common.optional")}
                autosize
                minRows={2}
                value={referral.note}
                onChange={(e) => setRef("note", e.currentTarget.value)}
                error={errors.note}
              />
              <Textarea
                label={t("referrals.outsideNote")}
                description={t("referrals.outsideNoteHelp")}
                autosize
                minRows={2}
                value={referral.outsideTargetGroupNote}
                onChange={(e) => setRef("outsideTargetGroupNote", e.currentTarget.value)}
                error={errors.outsideTargetGroupNote}
              />
            </Stack>
          </Panel>

          <Group>
            <Button type="submit" loading={save.isPending || duplicates.isPending} disabled={matches !== null}>
              {t("referrals.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </ProjectSubpage>
  );
}
