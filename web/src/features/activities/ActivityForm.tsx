import { Button, Checkbox, Group, NativeSelect, NumberInput, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Activity, CreateActivityInput, UpdateActivityInput } from "../../../../schemas/activities.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { formatDate, todayIso } from "../../format.ts";
import { codesQuery } from "../codes/queries.ts";
import { coachesQuery } from "../participants/queries.ts";
import { detailsKindOf } from "./labels.ts";
import { type NetworkLink, NetworkPicker } from "./NetworkPicker.tsx";
import { createActivity, refreshActivities, updateActivity } from "./queries.ts";

const PURPOSES = ["prepare_employment", "assess_work_capacity", "try_trade", "build_routines"] as const;
const FORMS = ["wage_subsidy", "resource_job", "osa", "nystartsjobb", "instegsjobb", "ordinary", "other"] as const;
const LEVELS = ["basic", "upper_secondary", "vocational", "higher"] as const;

interface Values {
  type: string;
  startDate: string;
  endDate: string;
  status: "planned" | "ongoing";
  extentUnit: "" | "percent" | "hours_per_week";
  extentValue: string | number;
  purpose: string;
  coachId: string;
  notes: string;
  // the employer network (internship, employment)
  network: NetworkLink;
  // internship
  workplace: string;
  supervisorName: string;
  internshipPurpose: string;
  activitySupportDecision: "" | "yes" | "no";
  // employment
  form: string;
  employer: "" | "internal" | "external";
  monthlyWageCost: string | number;
  monthlyStateSubsidy: string | number;
  topUpPercent: string | number;
  // studies
  provider: string;
  level: string;
  supportedEducation: boolean;
  // validation
  field: string;
  result: string;
}

function initial(a: Activity | undefined): Values {
  const d = a?.details;
  return {
    type: a?.type ?? "",
    startDate: a?.startDate ?? todayIso(),
    endDate: a?.endDate ?? "",
    status: a?.status === "ongoing" ? "ongoing" : "planned",
    extentUnit: a?.extent?.unit ?? "",
    extentValue: a?.extent?.value ?? "",
    purpose: a?.purpose ?? "",
    coachId: a?.coachId ?? "",
    notes: a?.notes ?? "",
    network: { employerId: a?.employerId ?? "", workplaceId: a?.workplaceId ?? "", supervisorId: a?.supervisorId ?? "", trade: a?.trade ?? "" },
    workplace: d?.kind === "internship" ? (d.workplace ?? "") : "",
    supervisorName: d?.kind === "internship" ? (d.supervisorName ?? "") : "",
    internshipPurpose: d?.kind === "internship" ? (d.purpose ?? "") : "",
    activitySupportDecision: d?.kind === "internship" && d.activitySupportDecision !== null ? (d.activitySupportDecision ? "yes" : "no") : "",
    form: d?.kind === "employment" ? d.form : "",
    employer: d?.kind === "employment" ? d.employer : "",
    monthlyWageCost: d?.kind === "employment" ? (d.monthlyWageCost ?? "") : "",
    monthlyStateSubsidy: d?.kind === "employment" ? (d.monthlyStateSubsidy ?? "") : "",
    // Empty: the project's share, filled in by the server.
    topUpPercent: d?.kind === "employment" ? d.topUpPercent : "",
    provider: d?.kind === "studies" ? (d.provider ?? "") : "",
    level: d?.kind === "studies" ? (d.level ?? "") : "",
    supportedEducation: d?.kind === "studies" ? d.supportedEducation : false,
    field: d?.kind === "validation" ? d.field : "",
    result: d?.kind === "validation" ? (d.result ?? "") : "",
  };
}

const num = (v: string | number) => (v === "" ? null : Number(v));

function detailsOf(kind: Activity["details"]["kind"], v: Values) {
  switch (kind) {
    case "internship":
      return {
        kind,
        workplace: v.workplace,
        supervisorName: v.supervisorName,
        purpose: v.internshipPurpose || null,
        activitySupportDecision: v.activitySupportDecision === "" ? null : v.activitySupportDecision === "yes",
      };
    case "employment":
      return {
        kind,
        form: v.form || undefined,
        employer: v.employer || undefined,
        monthlyWageCost: num(v.monthlyWageCost),
        monthlyStateSubsidy: num(v.monthlyStateSubsidy),
        topUpPercent: num(v.topUpPercent) ?? undefined,
      };
    case "studies":
      return { kind, provider: v.provider, level: v.level || null, supportedEducation: v.supportedEducation };
    case "validation":
      return { kind, field: v.field, result: v.result };
    default:
      return { kind };
  }
}

/** Add an activity, or change one (with its version; a stale one shows what someone else changed). */
export function ActivityForm({
  enrolmentId,
  projectId,
  activity,
  onSaved,
}: {
  enrolmentId: string;
  projectId: string;
  activity?: Activity;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const codes = useQuery(codesQuery(projectId));
  const coaches = useQuery(coachesQuery(projectId));
  const [values, setValues] = useState<Values>(() => initial(activity));
  const [base, setBase] = useState(activity);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const types = (codes.data?.codes ?? []).filter((c) => c.list === "activity_type" && (!c.retired || c.code === activity?.type));
  const category = types.find((c) => c.code === values.type)?.nationalCategory;
  const kind = values.type ? detailsKindOf(category, values.type) : "none";

  const mutation = useMutation({
    mutationFn: (input: unknown) => (base ? updateActivity(base.id, input as UpdateActivityInput) : createActivity(enrolmentId, input as CreateActivityInput)),
    onSuccess: async () => {
      await refreshActivities(queryClient, enrolmentId);
      onSaved();
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);
  const conflict = conflictOf(mutation.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const common = {
      type: values.type,
      startDate: values.startDate,
      endDate: values.endDate || null,
      extent: values.extentUnit ? { unit: values.extentUnit, value: num(values.extentValue) } : null,
      purpose: values.purpose,
      coachId: values.coachId || null,
      notes: values.notes,
      details: detailsOf(kind, values),
      ...(kind === "internship" || kind === "employment"
        ? {
            employerId: values.network.employerId || null,
            workplaceId: values.network.workplaceId || null,
            supervisorId: values.network.supervisorId || null,
            trade: values.network.trade || null,
          }
        : {}),
    };
    const raw = base ? { version: base.version, ...common } : { ...common, status: values.status };
    const parsed = (base ? UpdateActivityInput : CreateActivityInput).safeParse(raw);
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  function reload() {
    const current = conflict?.current as Activity | undefined;
    if (current) {
      setBase(current);
      setValues(initial(current));
    }
    mutation.reset();
  }

  const label = base ? t("activities.form.editTitle") : t("activities.form.addTitle");
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        {conflict && base ? (
          <ConflictAlert
            message={conflict.message}
            changes={changedFields(base, conflict.current as Activity, [
              { label: t("activities.fields.startDate"), value: (a) => formatDate(a.startDate) },
              { label: t("activities.fields.endDate"), value: (a) => formatDate(a.endDate) },
              { label: t("activities.fields.status"), value: (a) => t(`activities.status.${a.status}`) },
              { label: t("activities.fields.purpose"), value: (a) => a.purpose ?? "" },
              { label: t("activities.fields.notes"), value: (a) => a.notes ?? "" },
              { label: t("activities.fields.coach"), value: (a) => a.coachName ?? "" },
            ])}
            onReload={reload}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t("activities.fields.type")}
            required
            value={values.type}
            onChange={(e) => set("type", e.currentTarget.value)}
            error={errors.type}
          >
            <option value="">{t("common.choose")}</option>
            {types.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
          <TextInput
            label={t("activities.fields.startDate")}
            type="date"
            required
            value={values.startDate}
            onChange={(e) => set("startDate", e.currentTarget.value)}
            error={errors.startDate}
          />
          <TextInput
            label={t("activities.fields.endDate")}
            description={t("activities.form.endDateHelp")}
            type="date"
            value={values.endDate}
            onChange={(e) => set("endDate", e.currentTarget.value)}
            error={errors.endDate}
          />
        </SimpleGrid>
        {!base && (
          <Radio.Group label={t("activities.fields.status")} value={values.status} onChange={(v) => set("status", v as Values["status"])} error={errors.status}>
            <Group mt={4}>
              <Radio value="planned" label={t("activities.status.planned")} />
              <Radio value="ongoing" label={t("activities.status.ongoing")} />
            </Group>
          </Radio.Group>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t("activities.fields.extentUnit")}
            value={values.extentUnit}
            onChange={(e) => set("extentUnit", e.currentTarget.value as Values["extentUnit"])}
            error={errors.extent}
          >
            <option value="">{t("activities.form.noExtent")}</option>
            <option value="percent">{t("activities.extent.percent")}</option>
            <option value="hours_per_week">{t("activities.extent.hours_per_week")}</option>
          </NativeSelect>
          <NumberInput
            label={t("activities.fields.extentValue")}
            disabled={!values.extentUnit}
            min={0}
            value={values.extentValue}
            onChange={(v) => set("extentValue", v)}
            error={errors["extent.value"]}
          />
          <NativeSelect
            label={t("activities.fields.coach")}
            value={values.coachId}
            onChange={(e) => set("coachId", e.currentTarget.value)}
            error={errors.coachId}
          >
            <option value="">{t("activities.form.noCoach")}</option>
            {(coaches.data?.coaches ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <TextInput
          label={t("activities.fields.purpose")}
          value={values.purpose}
          onChange={(e) => set("purpose", e.currentTarget.value)}
          error={errors.purpose}
        />

        {kind === "internship" && (
          <fieldset className="fieldset">
            <legend>{t("activities.kind.internship")}</legend>
            <Stack gap="sm">
              <NetworkPicker projectId={projectId} value={values.network} onChange={(v) => set("network", v)} errors={errors} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t("activities.fields.workplace")}
                  description={t("activities.form.workplaceHelp")}
                  value={values.workplace}
                  onChange={(e) => set("workplace", e.currentTarget.value)}
                  error={errors["details.workplace"]}
                />
                <TextInput
                  label={t("activities.fields.supervisorName")}
                  value={values.supervisorName}
                  onChange={(e) => set("supervisorName", e.currentTarget.value)}
                  error={errors["details.supervisorName"]}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <NativeSelect
                  label={t("activities.fields.internshipPurpose")}
                  value={values.internshipPurpose}
                  onChange={(e) => set("internshipPurpose", e.currentTarget.value)}
                  error={errors["details.purpose"]}
                >
                  <option value="">{t("common.choose")}</option>
                  {PURPOSES.map((p) => (
                    <option key={p} value={p}>
                      {t(`activities.internshipPurpose.${p}`)}
                    </option>
                  ))}
                </NativeSelect>
                <Radio.Group
                  label={t("activities.fields.activitySupportDecision")}
                  value={values.activitySupportDecision}
                  onChange={(v) => set("activitySupportDecision", v as Values["activitySupportDecision"])}
                  error={errors["details.activitySupportDecision"]}
                >
                  <Group mt={4}>
                    <Radio value="yes" label={t("activities.yes")} />
                    <Radio value="no" label={t("activities.no")} />
                  </Group>
                </Radio.Group>
              </SimpleGrid>
            </Stack>
          </fieldset>
        )}

        {kind === "employment" && (
          <fieldset className="fieldset">
            <legend>{t("activities.kind.employment")}</legend>
            <Stack gap="sm">
              <NetworkPicker projectId={projectId} value={values.network} onChange={(v) => set("network", v)} errors={errors} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <NativeSelect
                  label={t("activities.fields.form")}
                  required
                  value={values.form}
                  onChange={(e) => set("form", e.currentTarget.value)}
                  error={errors["details.form"]}
                >
                  <option value="">{t("common.choose")}</option>
                  {FORMS.map((f) => (
                    <option key={f} value={f}>
                      {t(`activities.employmentForm.${f}`)}
                    </option>
                  ))}
                </NativeSelect>
                <Radio.Group
                  label={t("activities.fields.employer")}
                  required
                  value={values.employer}
                  onChange={(v) => set("employer", v as Values["employer"])}
                  error={errors["details.employer"]}
                >
                  <Group mt={4}>
                    <Radio value="internal" label={t("activities.employer.internal")} />
                    <Radio value="external" label={t("activities.employer.external")} />
                  </Group>
                </Radio.Group>
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <NumberInput
                  label={t("activities.fields.monthlyWageCost")}
                  min={0}
                  thousandSeparator=" "
                  value={values.monthlyWageCost}
                  onChange={(v) => set("monthlyWageCost", v)}
                  error={errors["details.monthlyWageCost"]}
                />
                <NumberInput
                  label={t("activities.fields.monthlyStateSubsidy")}
                  min={0}
                  thousandSeparator=" "
                  value={values.monthlyStateSubsidy}
                  onChange={(v) => set("monthlyStateSubsidy", v)}
                  error={errors["details.monthlyStateSubsidy"]}
                />
                <NumberInput
                  label={t("activities.fields.topUpPercent")}
                  min={0}
                  max={100}
                  description={t("activities.form.topUpDefault")}
                  value={values.topUpPercent}
                  onChange={(v) => set("topUpPercent", v)}
                  error={errors["details.topUpPercent"]}
                />
              </SimpleGrid>
              <Text size="sm">{t("activities.form.topUpHelp")}</Text>
            </Stack>
          </fieldset>
        )}

        {kind === "studies" && (
          <fieldset className="fieldset">
            <legend>{t("activities.kind.studies")}</legend>
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput
                  label={t("activities.fields.provider")}
                  value={values.provider}
                  onChange={(e) => set("provider", e.currentTarget.value)}
                  error={errors["details.provider"]}
                />
                <NativeSelect
                  label={t("activities.fields.level")}
                  value={values.level}
                  onChange={(e) => set("level", e.currentTarget.value)}
                  error={errors["details.level"]}
                >
                  <option value="">{t("common.choose")}</option>
                  {LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t(`activities.level.${l}`)}
                    </option>
                  ))}
                </NativeSelect>
              </SimpleGrid>
              <Checkbox
                label={t("activities.fields.supportedEducation")}
                checked={values.supportedEducation}
                onChange={(e) => set("supportedEducation", e.currentTarget.checked)}
              />
            </Stack>
          </fieldset>
        )}

        {kind === "validation" && (
          <fieldset className="fieldset">
            <legend>{t("activities.kind.validation")}</legend>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <TextInput
                label={t("activities.fields.field")}
                required
                value={values.field}
                onChange={(e) => set("field", e.currentTarget.value)}
                error={errors["details.field"]}
              />
              <TextInput
                label={t("activities.fields.result")}
                value={values.result}
                onChange={(e) => set("result", e.currentTarget.value)}
                error={errors["details.result"]}
              />
            </SimpleGrid>
          </fieldset>
        )}

        <Textarea
          label={t("activities.fields.notes")}
          autosize
          minRows={2}
          value={values.notes}
          onChange={(e) => set("notes", e.currentTarget.value)}
          error={errors.notes}
        />
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {base ? t("activities.form.saveChanges") : t("activities.form.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
