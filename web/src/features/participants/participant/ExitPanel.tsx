import { Button, Checkbox, Group, List, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Enrolment, ExitInput, type ParticipantPage, UpdateExitInput } from "../../../../../schemas/participants.ts";
import { SuccessAlert } from "../../../components/ErrorAlert.tsx";
import type { FieldErrors } from "../../../components/forms.ts";
import { ButtonLink } from "../../../components/links.tsx";
import { Panel } from "../../../components/Panel.tsx";
import { formatDate, todayIso } from "../../../format.ts";
import type { ProjectCodes } from "../../codes/queries.ts";
import { ExitFollowUps } from "../../reports/ExitFollowUps.tsx";
import { type IncomeRow, IncomeRows, incomesOf } from "../enrolment/IncomeRows.tsx";
import { enrolmentChanges } from "../queries.ts";
import { EnrolmentChangeError, FormToggle, useChangeForm } from "./changeForm.tsx";
import { RemoveForm } from "./RowEdit.tsx";

/** The exit, or the form to record one; after an exit, the way to enrol the person again. */
export function ExitPanel({ page, codes }: { page: ParticipantPage; codes: ProjectCodes }) {
  const { t } = useTranslation();
  const x = page.enrolment.exit;
  const laterPeriod = page.otherEnrolments.some((o) => o.startDate > page.enrolment.startDate);
  // Just exited or the exit just undone here: the form is gone, so say so and put focus on the message.
  const hadExit = useRef(Boolean(x));
  const [notice, setNotice] = useState<"" | "exited" | "undone">("");
  const savedRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (x && !hadExit.current) setNotice("exited");
    else if (!x && hadExit.current) setNotice("undone");
    hadExit.current = Boolean(x);
  }, [x]);
  useEffect(() => {
    if (notice) savedRef.current?.focus();
  }, [notice]);
  return (
    <Panel title={t("exit.title")}>
      {x ? (
        <Stack gap="md">
          {notice === "exited" && (
            <div ref={savedRef} tabIndex={-1}>
              <SuccessAlert>{t("exit.saved")}</SuccessAlert>
            </div>
          )}
          <dl className="facts">
            <dt>{t("exit.exitDate")}</dt>
            <dd>{formatDate(x.exitDate)}</dd>
            <dt>{t("exit.exitStatus")}</dt>
            <dd>{x.exitStatusLabel}</dd>
            <dt>{t("exit.kind")}</dt>
            <dd>{x.final ? t("exit.final") : t("exit.temporary")}</dd>
            <dt>{t("exit.incomes")}</dt>
            <dd>
              <List size="sm">
                {x.incomes.map((i) => (
                  <List.Item key={i.code}>{t("background.incomeShare", { income: codes.label("income_type", i.code), share: i.share })}</List.Item>
                ))}
              </List>
            </dd>
            <dt>{t("exit.nextInstance")}</dt>
            <dd>{x.nextInstance ?? "–"}</dd>
          </dl>
          <Group align="flex-start" gap="md">
            <FormToggle label={t("exit.correct")}>
              {(close) => <ExitForm page={page} codes={codes} exit={x} onSaved={() => close(t("exit.corrected"))} />}
            </FormToggle>
            <FormToggle label={t("exit.undo")} disabled={laterPeriod}>
              {(close) => (
                <RemoveForm
                  page={page}
                  title={t("exit.undo")}
                  question={t("exit.undoQuestion", { date: formatDate(x.exitDate) })}
                  confirm={t("exit.undoConfirm")}
                  send={(input) => enrolmentChanges.undoExit(page.enrolment.id, input)}
                  onSaved={() => close()}
                  onCancel={() => close()}
                />
              )}
            </FormToggle>
          </Group>
          {laterPeriod && <Text size="sm">{t("exit.undoLaterPeriod")}</Text>}
          {x.final && (
            <ExitFollowUps
              projectId={page.enrolment.projectId}
              enrolmentId={page.enrolment.id}
              name={`${page.person.firstName} ${page.person.lastName}`}
              codes={codes}
            />
          )}
          {!laterPeriod && (
            <Group>
              <ButtonLink to="/projekt/$projectId/inskrivning/ny" params={{ projectId: page.enrolment.projectId }} search={{ previous: page.enrolment.id }}>
                {t("exit.reEnrol")}
              </ButtonLink>
            </Group>
          )}
        </Stack>
      ) : (
        <Stack gap="sm">
          {notice === "undone" && (
            <div ref={savedRef} tabIndex={-1}>
              <SuccessAlert>{t("exit.undone")}</SuccessAlert>
            </div>
          )}
          <Text>{t("exit.notYet")}</Text>
          <FormToggle label={t("exit.start")}>{(close) => <ExitForm page={page} codes={codes} onSaved={() => close(t("exit.saved"))} />}</FormToggle>
        </Stack>
      )}
    </Panel>
  );
}

type Exit = NonNullable<Enrolment["exit"]>;

/** The exit, or the correction of one already recorded (then "not counted" is changed with the enrolment). */
function ExitForm({ page, codes, exit, onSaved }: { page: ParticipantPage; codes: ProjectCodes; exit?: Exit; onSaved: () => void }) {
  const { t } = useTranslation();
  const e = page.enrolment;
  const initial = (x?: Exit) => ({
    exitDate: x?.exitDate ?? todayIso(),
    exitStatus: x?.exitStatus ?? "",
    final: x ? (x.final ? "final" : "temporary") : "",
    nextInstance: x?.nextInstance ?? "",
    notCounted: e.notCounted,
    notCountedReason: e.notCountedReason ?? "",
  });
  const [values, setValues] = useState(initial(exit));
  // Start from the incomes at entry: usually only the shares change.
  const incomesFrom = (x?: Exit) => (x?.incomes ?? e.background.incomes).map((i) => ({ code: i.code, share: String(i.share) }));
  const [incomes, setIncomes] = useState<IncomeRow[]>(incomesFrom(exit));
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) => setValues((v) => ({ ...v, [key]: value }));
  const create = useChangeForm(page, ExitInput, (input) => enrolmentChanges.exit(e.id, input), onSaved);
  const correct = useChangeForm(page, UpdateExitInput, (input) => enrolmentChanges.updateExit(e.id, input), onSaved);
  const form = exit ? correct : create;
  const label = exit ? t("exit.correct") : t("exit.start");

  function submit(event: FormEvent) {
    event.preventDefault();
    const common = {
      version: page.enrolment.version,
      exitDate: values.exitDate,
      exitStatus: values.exitStatus,
      final: values.final === "" ? undefined : values.final === "final",
      incomes: incomesOf(incomes),
      nextInstance: values.nextInstance,
    };
    const own: FieldErrors = values.final === "" ? { final: t("exit.chooseKind") } : {};
    if (exit) form.submit(common, own);
    else form.submit({ ...common, notCounted: values.notCounted, notCountedReason: values.notCounted ? values.notCountedReason : null }, own);
  }

  // After a conflict the fields start again from the exit as it is now.
  async function reload() {
    const fresh = (await form.reload()).enrolment.exit;
    if (!fresh) return;
    setValues(initial(fresh));
    setIncomes(incomesFrom(fresh));
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="md">
        <EnrolmentChangeError page={page} form={form} onReload={exit ? () => void reload() : undefined} />
        <Text size="sm">{t("exit.requiredNote")}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t("exit.exitDate")}
            type="date"
            required
            value={values.exitDate}
            onChange={(ev) => set("exitDate", ev.currentTarget.value)}
            error={form.errors.exitDate}
          />
          <NativeSelect
            label={t("exit.exitStatus")}
            required
            value={values.exitStatus}
            onChange={(ev) => set("exitStatus", ev.currentTarget.value)}
            error={form.errors.exitStatus}
          >
            <option value="">{t("common.choose")}</option>
            {codes.options("exit_status").map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </NativeSelect>
        </SimpleGrid>
        <Radio.Group label={t("exit.kind")} required value={values.final} onChange={(v) => set("final", v)} error={form.errors.final}>
          <Group gap="lg" mt={4}>
            <Radio value="final" label={t("exit.final")} />
            <Radio value="temporary" label={t("exit.temporary")} />
          </Group>
        </Radio.Group>
        <IncomeRows
          legend={t("exit.incomes")}
          rows={incomes}
          onChange={setIncomes}
          errors={form.errors}
          path="incomes"
          options={codes.options("income_type")}
        />
        <TextInput
          label={t("exit.nextInstance")}
          description={t("exit.nextInstanceHelp")}
          value={values.nextInstance}
          onChange={(ev) => set("nextInstance", ev.currentTarget.value)}
          error={form.errors.nextInstance}
        />
        {!exit && (
          <Checkbox
            label={t("exit.notCounted")}
            description={t("exit.notCountedHelp")}
            checked={values.notCounted}
            onChange={(ev) => set("notCounted", ev.currentTarget.checked)}
          />
        )}
        {!exit && values.notCounted && (
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
            {exit ? t("corrections.save") : t("exit.submit")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
