import { Button, Group, NativeSelect, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Referral, UpdateReferralInput } from "../../../../../schemas/participants.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../../components/ConflictAlert.tsx";
import { ErrorAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { formatDate } from "../../../format.ts";
import type { ProjectCodes } from "../../codes/queries.ts";
import { referralQuery, refreshParticipant, updateReferral } from "../queries.ts";

const valuesOf = (r: Referral) => ({
  referredOn: r.referredOn,
  referringParty: r.referringParty,
  contactPerson: r.contactPerson ?? "",
  district: r.district ?? "",
  incomeCode: r.incomeCode ?? "",
  note: r.note ?? "",
  outsideTargetGroupNote: r.outsideTargetGroupNote ?? "",
});

/**
 * Correct what a referral says. Before the decision everything can change and the target group
 * is checked again; once it is accepted or declined, only the contact person and the note.
 */
export function EditReferralForm({ referral, codes, onSaved }: { referral: Referral; codes: ProjectCodes; onSaved: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const open = referral.decision === "pending" || referral.decision === "waiting_list";
  const [values, setValues] = useState(() => valuesOf(referral));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const mutation = useMutation({
    mutationFn: (input: UpdateReferralInput) => updateReferral(referral.id, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(referralQuery(saved.id).queryKey, saved);
      await refreshParticipant(queryClient, saved.projectId);
      onSaved();
    },
  });
  const conflict = conflictOf(mutation.error);
  const current = conflict ? Referral.safeParse(conflict.current) : null;
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);
  // A party retired since the referral still shows as the one chosen.
  const partyOptions = codes.options("referring_party");
  if (!partyOptions.some((o) => o.value === referral.referringParty))
    partyOptions.push({ value: referral.referringParty, label: referral.referringPartyLabel });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const base = valuesOf(referral);
    const changed = (k: keyof typeof values) => values[k] !== base[k];
    const parsed = UpdateReferralInput.safeParse({
      version: referral.version,
      ...(changed("contactPerson") && { contactPerson: values.contactPerson }),
      ...(changed("note") && { note: values.note }),
      ...(open && changed("referredOn") && { referredOn: values.referredOn }),
      ...(open && changed("referringParty") && { referringParty: values.referringParty }),
      ...(open && changed("district") && { district: values.district }),
      ...(open && changed("incomeCode") && { incomeCode: values.incomeCode || null }),
      ...(open && changed("outsideTargetGroupNote") && { outsideTargetGroupNote: values.outsideTargetGroupNote }),
    });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  // After a conflict the fields start again from the referral as it is now.
  async function reload() {
    const fresh = await queryClient.fetchQuery({ ...referralQuery(referral.id), staleTime: 0 });
    mutation.reset();
    setValues(valuesOf(fresh));
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-label={t("referrals.edit")}>
      <Stack gap="sm" maw={620}>
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={
              current?.success
                ? changedFields(referral, current.data, [
                    { label: t("referrals.referredOn"), value: (r) => formatDate(r.referredOn) },
                    { label: t("referrals.referringParty"), value: (r) => r.referringPartyLabel },
                    { label: t("referrals.contactPerson"), value: (r) => r.contactPerson ?? "" },
                    { label: t("referrals.district"), value: (r) => r.district ?? "" },
                    { label: t("referrals.income"), value: (r) => codes.label("income_type", r.incomeCode) },
                    { label: t("referrals.note"), value: (r) => r.note ?? "" },
                    { label: t("referrals.outsideNote"), value: (r) => r.outsideTargetGroupNote ?? "" },
                    { label: t("referrals.decisionTitle"), value: (r) => t(`decision.${r.decision}`) },
                  ])
                : []
            }
            onReload={() => void reload()}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        <Text size="sm">{open ? t("referrals.editRecheck") : t("referrals.editDecided")}</Text>
        {open && (
          <>
            <TextInput
              label={t("referrals.referredOn")}
              type="date"
              required
              value={values.referredOn}
              onChange={(e) => set("referredOn", e.currentTarget.value)}
              error={errors.referredOn}
              maw={220}
            />
            <NativeSelect
              label={t("referrals.referringParty")}
              required
              value={values.referringParty}
              onChange={(e) => set("referringParty", e.currentTarget.value)}
              error={errors.referringParty}
              maw={420}
            >
              {partyOptions.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          </>
        )}
        <TextInput
          label={t("referrals.contactPerson")}
          description={t("referrals.contactPersonHelp")}
          value={values.contactPerson}
          onChange={(e) => set("contactPerson", e.currentTarget.value)}
          error={errors.contactPerson}
        />
        {open && (
          <>
            <TextInput
              label={t("referrals.district")}
              value={values.district}
              onChange={(e) => set("district", e.currentTarget.value)}
              error={errors.district}
              maw={420}
            />
            <NativeSelect
              label={t("referrals.income")}
              value={values.incomeCode}
              onChange={(e) => set("incomeCode", e.currentTarget.value)}
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
          </>
        )}
        <Textarea
          label={t("referrals.note")}
          description={t("common.optional")}
          autosize
          minRows={2}
          value={values.note}
          onChange={(e) => set("note", e.currentTarget.value)}
          error={errors.note}
        />
        {open && (
          <Textarea
            label={t("referrals.outsideNote")}
            description={t("referrals.outsideNoteHelp")}
            autosize
            minRows={2}
            value={values.outsideTargetGroupNote}
            onChange={(e) => set("outsideTargetGroupNote", e.currentTarget.value)}
            error={errors.outsideTargetGroupNote}
          />
        )}
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
