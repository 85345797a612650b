import { Button, Checkbox, Group, List, NativeSelect, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ParticipantPage, UpdateEnrolmentInput } from "../../../../../schemas/participants.ts";
import { toNullableInt } from "../../../components/forms.ts";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate, sortByName } from "../../../format.ts";
import type { ProjectCodes } from "../../codes/queries.ts";
import { projectQuery } from "../../projects/queries.ts";
import { BackgroundFields, type BackgroundValues, backgroundOf } from "../enrolment/BackgroundFields.tsx";
import { coachesQuery, enrolmentChanges, intakesQuery } from "../queries.ts";
import { EnrolmentChangeError, FormToggle, useChangeForm } from "./changeForm.tsx";

/** The enrolment itself and the background recorded at entry. */
export function EnrolmentPanel({ page, codes }: { page: ParticipantPage; codes: ProjectCodes }) {
  const { t } = useTranslation();
  const e = page.enrolment;
  const b = e.background;
  const project = useQuery(projectQuery(e.projectId));
  const team = project.data?.teams.find((x) => x.id === e.teamId)?.name;
  const yesNo = (v: boolean | null) => (v === null ? t("background.notKnown") : v ? t("common.yes") : t("common.no"));

  return (
    <Panel title={t("participant.enrolmentTitle")}>
      <Stack gap="md">
        <dl className="facts">
          <dt>{t("enrolment.startDate")}</dt>
          <dd>{formatDate(e.startDate)}</dd>
          <dt>{t("enrolment.plannedMonths")}</dt>
          <dd>{t("project.months", { count: e.plannedMonths })}</dd>
          <dt>{t("participant.plannedEnd")}</dt>
          <dd>{formatDate(e.plannedEndDate)}</dd>
          <dt>{t("enrolment.intake")}</dt>
          <dd>{e.intakeName ?? "–"}</dd>
          <dt>{t("enrolment.coach")}</dt>
          <dd>{e.coachName ?? t("caseload.noCoach")}</dd>
          {team && (
            <>
              <dt>{t("enrolment.team")}</dt>
              <dd>{team}</dd>
            </>
          )}
          <dt>{t("referrals.referringParty")}</dt>
          <dd>{codes.label("referring_party", e.referringParty) || "–"}</dd>
          {e.notCounted && (
            <>
              <dt>{t("exit.notCounted")}</dt>
              <dd>{e.notCountedReason ?? t("common.yes")}</dd>
            </>
          )}
        </dl>
        <Group align="flex-start" gap="md">
          {!e.exit && (
            <FormToggle label={t("participant.changeCoach")}>
              {(close) => <ChangeCoachForm page={page} onSaved={() => close(t("participant.coachSaved"))} />}
            </FormToggle>
          )}
          <FormToggle label={t("participant.editEnrolment")}>
            {(close) => <EditEnrolmentForm page={page} codes={codes} onSaved={() => close(t("participant.enrolmentSaved"))} />}
          </FormToggle>
        </Group>

        <section aria-labelledby="bakgrund">
          <h3 id="bakgrund" className="subheading">
            {t("background.title")}
          </h3>
          <dl className="facts">
            <dt>{t("background.educationLevel")}</dt>
            <dd>{codes.label("education_level", b.educationLevel) || t("background.notKnown")}</dd>
            <dt>{t("background.educationCompleted")}</dt>
            <dd>{yesNo(b.educationCompleted)}</dd>
            <dt>{t("background.hasHadEmployment")}</dt>
            <dd>{yesNo(b.hasHadEmployment)}</dd>
            <dt>{t("background.hasHadInternship")}</dt>
            <dd>{yesNo(b.hasHadInternship)}</dd>
            <dt>{t("background.incomes")}</dt>
            <dd>
              {b.incomes.length === 0 ? (
                "–"
              ) : (
                <List size="sm">
                  {b.incomes.map((i) => (
                    <List.Item key={i.code}>{t("background.incomeShare", { income: codes.label("income_type", i.code), share: i.share })}</List.Item>
                  ))}
                </List>
              )}
            </dd>
            <dt>{t("background.mainIncome")}</dt>
            <dd>
              {b.mainIncome ? codes.label("income_type", b.mainIncome) : "–"}
              {b.mainIncomeOverridden && ` (${t("background.overridden")})`}
            </dd>
          </dl>
        </section>
      </Stack>
    </Panel>
  );
}

function ChangeCoachForm({ page, onSaved }: { page: ParticipantPage; onSaved: () => void }) {
  const { t } = useTranslation();
  const e = page.enrolment;
  const coaches = useQuery(coachesQuery(e.projectId));
  const intakes = useQuery(intakesQuery(e.projectId));
  const project = useQuery(projectQuery(e.projectId));
  const [coachId, setCoachId] = useState(e.coachId ?? "");
  const [intakeId, setIntakeId] = useState(e.intakeId ?? "");
  const [teamId, setTeamId] = useState(e.teamId ?? "");
  const form = useChangeForm(page, UpdateEnrolmentInput, (input) => enrolmentChanges.update(e.id, input), onSaved);

  // After a conflict the fields start again from the enrolment as it is now.
  async function reload() {
    const fresh = (await form.reload()).enrolment;
    setCoachId(fresh.coachId ?? "");
    setIntakeId(fresh.intakeId ?? "");
    setTeamId(fresh.teamId ?? "");
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    form.submit({
      version: page.enrolment.version,
      ...((coachId || null) !== e.coachId && { coachId: coachId || null }),
      ...((intakeId || null) !== e.intakeId && { intakeId: intakeId || null }),
      ...((teamId || null) !== e.teamId && { teamId: teamId || null }),
    });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("participant.changeCoach")}>
      <Stack gap="sm">
        <EnrolmentChangeError page={page} form={form} onReload={() => void reload()} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect label={t("enrolment.coach")} value={coachId} onChange={(ev) => setCoachId(ev.currentTarget.value)} error={form.errors.coachId}>
            <option value="">{t("enrolment.noCoachYet")}</option>
            {sortByName(coaches.data?.coaches ?? [], (c) => c.name).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
          <NativeSelect label={t("enrolment.intake")} value={intakeId} onChange={(ev) => setIntakeId(ev.currentTarget.value)} error={form.errors.intakeId}>
            <option value="">{t("enrolment.noIntake")}</option>
            {(intakes.data?.intakes ?? []).map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </NativeSelect>
          {(project.data?.teams.length ?? 0) > 0 && (
            <NativeSelect label={t("enrolment.team")} value={teamId} onChange={(ev) => setTeamId(ev.currentTarget.value)} error={form.errors.teamId}>
              <option value="">{t("enrolment.noTeam")}</option>
              {sortByName(project.data?.teams ?? [], (x) => x.name).map((x) => (
                <option key={x.id} value={x.id}>
                  {x.name}
                </option>
              ))}
            </NativeSelect>
          )}
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={form.mutation.isPending} disabled={form.conflict !== null}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Enrolment = ParticipantPage["enrolment"];

const backgroundValuesOf = (b: Enrolment["background"]): BackgroundValues => ({
  educationLevel: b.educationLevel ?? "",
  educationCompleted: b.educationCompleted === null ? "" : b.educationCompleted ? "yes" : "no",
  hasHadEmployment: b.hasHadEmployment,
  hasHadInternship: b.hasHadInternship,
  incomes: b.incomes.map((i) => ({ code: i.code, share: String(i.share) })),
  mainIncome: b.mainIncomeOverridden ? (b.mainIncome ?? "") : "",
});

const valuesOf = (e: Enrolment) => ({
  startDate: e.startDate,
  plannedMonths: e.plannedMonths as string | number,
  referringParty: e.referringParty ?? "",
  notCounted: e.notCounted,
  notCountedReason: e.notCountedReason ?? "",
  background: backgroundValuesOf(e.background),
});

/** Start, planned time, referring party, "not counted" and the background at entry; only what changed is sent. */
function EditEnrolmentForm({ page, codes, onSaved }: { page: ParticipantPage; codes: ProjectCodes; onSaved: () => void }) {
  const { t } = useTranslation();
  const e = page.enrolment;
  const [values, setValues] = useState(() => valuesOf(e));
  const set = <K extends keyof ReturnType<typeof valuesOf>>(key: K, value: ReturnType<typeof valuesOf>[K]) => setValues((v) => ({ ...v, [key]: value }));
  const form = useChangeForm(page, UpdateEnrolmentInput, (input) => enrolmentChanges.update(e.id, input), onSaved);
  // A party retired since the enrolment still shows as the one chosen.
  const partyOptions = codes.options("referring_party");
  if (e.referringParty && !partyOptions.some((o) => o.value === e.referringParty))
    partyOptions.push({ value: e.referringParty, label: codes.label("referring_party", e.referringParty) });

  async function reload() {
    setValues(valuesOf((await form.reload()).enrolment));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const base = valuesOf(e);
    const background = backgroundOf(values.background);
    form.submit({
      version: e.version,
      ...(values.startDate !== base.startDate && { startDate: values.startDate }),
      ...(values.plannedMonths !== base.plannedMonths && { plannedMonths: toNullableInt(values.plannedMonths) ?? undefined }),
      ...(values.referringParty !== base.referringParty && { referringParty: values.referringParty || null }),
      ...((values.notCounted !== base.notCounted || values.notCountedReason !== base.notCountedReason) && {
        notCounted: values.notCounted,
        notCountedReason: values.notCounted ? values.notCountedReason : null,
      }),
      ...(JSON.stringify(background) !== JSON.stringify(backgroundOf(base.background)) && { background }),
    });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={t("participant.editEnrolment")}>
      <Stack gap="md">
        <EnrolmentChangeError page={page} form={form} onReload={() => void reload()} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            label={t("enrolment.startDate")}
            description={t("participant.startDateHelp")}
            type="date"
            required
            value={values.startDate}
            onChange={(ev) => set("startDate", ev.currentTarget.value)}
            error={form.errors.startDate}
          />
          <NumberInput
            label={t("enrolment.plannedMonths")}
            required
            min={1}
            max={60}
            allowDecimal={false}
            value={values.plannedMonths}
            onChange={(v) => set("plannedMonths", v)}
            error={form.errors.plannedMonths}
          />
          <NativeSelect
            label={t("referrals.referringParty")}
            value={values.referringParty}
            onChange={(ev) => set("referringParty", ev.currentTarget.value)}
            error={form.errors.referringParty}
          >
            <option value="">{t("common.choose")}</option>
            {partyOptions.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <BackgroundFields values={values.background} onChange={(b) => set("background", b)} errors={form.errors} codes={codes} />
        <Checkbox
          label={t("exit.notCounted")}
          description={t("exit.notCountedHelp")}
          checked={values.notCounted}
          onChange={(ev) => set("notCounted", ev.currentTarget.checked)}
        />
        {values.notCounted && (
          <Textarea
            label={t("exit.notCountedReason")}
            required
            autosize
            minRows={2}
            value={values.notCountedReason}
            onChange={(ev) => set("notCountedReason", ev.currentTarget.value)}
            error={form.errors.notCountedReason}
          />
        )}
        <Group>
          <Button type="submit" loading={form.mutation.isPending} disabled={form.conflict !== null}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
