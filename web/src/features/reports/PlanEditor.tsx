import "../../i18n/reports.ts";
import { Alert, Button, Group, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { EconomyLine, EconomyYear, type Goal, GoalsReport, UpdateEconomyInput, UpdateGoalInput } from "../../../../schemas/reports.ts";
import { apiGet, apiSend, seg } from "../../api.ts";
import { conflictOf } from "../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { mergeFieldErrors, zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { Panel } from "../../components/Panel.tsx";

const GoalSaved = z.object({ measure: z.string(), target: z.number(), manualActual: z.number().nullable(), version: z.number().int() });
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s.replace(/\s/g, "").replace(",", ".")));

/** The manager enters the year's effect-goal targets and the budget and outcome per cost type. */
export function PlanEditor({ projectId, year }: { projectId: string; year: number }) {
  const { t } = useTranslation();
  const goals = useQuery({
    queryKey: ["reports", projectId, "goals", year, false],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/reports/goals`, GoalsReport, { year }),
  });
  const economy = useQuery({
    queryKey: ["reports", projectId, "economy-year", year],
    queryFn: () => apiGet(`/projects/${seg(projectId)}/economy/${year}`, EconomyYear),
  });
  return (
    <Panel title={t("reports.plan.title", { year })}>
      <Stack gap="lg">
        <Title order={3} size="h4">
          {t("reports.plan.goalsTitle", { year })}
        </Title>
        {goals.isPending ? (
          <Loading />
        ) : goals.isError ? (
          <ErrorAlert error={goals.error} />
        ) : (
          goals.data.goals.map((g) => <GoalRow key={`${year}-${g.measure}-${g.version}`} projectId={projectId} year={year} goal={g} />)
        )}
        <Title order={3} size="h4">
          {t("reports.plan.economyTitle", { year })}
        </Title>
        {economy.isPending ? (
          <Loading />
        ) : economy.isError ? (
          <ErrorAlert error={economy.error} />
        ) : (
          economy.data.lines.map((l) => <EconomyRow key={`${year}-${l.costType}-${l.version}`} projectId={projectId} year={year} line={l} />)
        )}
      </Stack>
    </Panel>
  );
}

function GoalRow({ projectId, year, goal }: { projectId: string; year: number; goal: Goal }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [target, setTarget] = useState(goal.target === null ? "" : String(goal.target));
  const [actual, setActual] = useState(goal.manualActual === null ? "" : String(goal.manualActual));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const manual = goal.measure === "share_satisfied";
  const save = useMutation({
    mutationFn: (body: unknown) => apiSend("PUT", `/projects/${seg(projectId)}/goals/${year}/${goal.measure}`, body, GoalSaved),
    onSuccess: () => {
      setSaved(true);
      void client.invalidateQueries({ queryKey: ["reports", projectId, "goals"] });
    },
    onError: (e) => setErrors(mergeFieldErrors({}, e)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const check = UpdateGoalInput.safeParse({ version: goal.version, target: num(target), manualActual: manual && actual.trim() !== "" ? num(actual) : null });
    if (!check.success) return setErrors(zodFieldErrors(check.error));
    setErrors({});
    save.mutate(check.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={goal.label}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t("reports.plan.target", { goal: goal.label })}
          inputMode="decimal"
          value={target}
          onChange={(e) => setTarget(e.currentTarget.value)}
          error={errors.target}
          w={300}
        />
        {manual && (
          <TextInput
            label={t("reports.plan.manualActual", { goal: goal.label })}
            inputMode="decimal"
            value={actual}
            onChange={(e) => setActual(e.currentTarget.value)}
            error={errors.manualActual}
            w={300}
          />
        )}
        <Button type="submit" variant="light" loading={save.isPending} aria-label={t("reports.plan.saveGoal", { goal: goal.label })}>
          {t("reports.plan.save")}
        </Button>
        {saved && <Text role="status">{t("reports.plan.saved")}</Text>}
      </Group>
      {conflictOf(save.error) ? (
        <Alert color="orange" role="alert" mt="xs">
          {t("reports.plan.conflict")}
        </Alert>
      ) : null}
    </form>
  );
}

function EconomyRow({ projectId, year, line }: { projectId: string; year: number; line: EconomyLine }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [budget, setBudget] = useState(String(line.budget));
  const [outcome, setOutcome] = useState(String(line.outcome));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: unknown) => apiSend("PUT", `/projects/${seg(projectId)}/economy/${year}/${line.costType}`, body, EconomyLine),
    onSuccess: () => {
      setSaved(true);
      void client.invalidateQueries({ queryKey: ["reports", projectId, "economy-year", year] });
      void client.invalidateQueries({ queryKey: ["reports", projectId, "economy", year] });
    },
    onError: (e) => setErrors(mergeFieldErrors({}, e)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const check = UpdateEconomyInput.safeParse({ version: line.version, budget: num(budget), outcome: num(outcome) });
    if (!check.success) return setErrors(zodFieldErrors(check.error));
    setErrors({});
    save.mutate(check.data);
  }
  return (
    <form onSubmit={submit} noValidate aria-label={line.label}>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t("reports.plan.budget", { type: line.label })}
          inputMode="numeric"
          value={budget}
          onChange={(e) => setBudget(e.currentTarget.value)}
          error={errors.budget}
          w={300}
        />
        <TextInput
          label={t("reports.plan.outcome", { type: line.label })}
          inputMode="numeric"
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          error={errors.outcome}
          w={300}
        />
        <Button type="submit" variant="light" loading={save.isPending} aria-label={t("reports.plan.saveLine", { type: line.label })}>
          {t("reports.plan.save")}
        </Button>
        {saved && <Text role="status">{t("reports.plan.saved")}</Text>}
      </Group>
      {conflictOf(save.error) ? (
        <Alert color="orange" role="alert" mt="xs">
          {t("reports.plan.conflict")}
        </Alert>
      ) : null}
    </form>
  );
}
