import { Button, Group, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { DecideReferralInput, Referral } from "../../../../../schemas/participants.ts";
import { ConflictAlert, changedFields, conflictOf } from "../../../components/ConflictAlert.tsx";
import { ErrorAlert, SuccessAlert } from "../../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../../components/forms.ts";
import { formatDate, todayIso } from "../../../format.ts";
import { decideReferral, referralQuery, refreshParticipant } from "../queries.ts";

const CHOICES = ["accepted", "waiting_list", "declined"] as const;

/**
 * Accept, put on the waiting list, or decline with a reason. Outside the target group only a
 * manager may accept, and only with a written reason; a coach is told why they cannot.
 */
export function DecisionForm({ referral, isManager }: { referral: Referral; isManager: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [decision, setDecision] = useState<string>(referral.decision === "pending" ? "" : referral.decision);
  const [decidedOn, setDecidedOn] = useState(todayIso());
  const [declineReason, setDeclineReason] = useState(referral.declineReason ?? "");
  const [overrideReason, setOverrideReason] = useState(referral.overrideReason ?? "");
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const mayAccept = !referral.outsideTargetGroup || isManager;

  const mutation = useMutation({
    mutationFn: (input: DecideReferralInput) => decideReferral(referral.id, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(referralQuery(saved.id).queryKey, saved);
      await refreshParticipant(queryClient, saved.projectId);
    },
  });
  const conflict = conflictOf(mutation.error);
  const current = conflict ? Referral.safeParse(conflict.current) : null;
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const fields: FieldErrors = {};
    if (!decision) fields.decision = t("referrals.chooseDecision");
    if (decision === "accepted" && referral.outsideTargetGroup && isManager && !overrideReason.trim()) fields.overrideReason = t("referrals.overrideRequired");
    const parsed = DecideReferralInput.safeParse({
      version: referral.version,
      decision,
      decidedOn,
      declineReason: decision === "declined" ? declineReason : null,
      overrideReason: decision === "accepted" && referral.outsideTargetGroup ? overrideReason : null,
    });
    if (!parsed.success || Object.keys(fields).length > 0) {
      setClientErrors({ ...(parsed.success ? {} : zodFieldErrors(parsed.error)), ...fields });
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  async function reload() {
    await queryClient.invalidateQueries({ queryKey: referralQuery(referral.id).queryKey });
    mutation.reset();
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md" maw={620}>
        {mutation.isSuccess && <SuccessAlert>{t("referrals.decided", { decision: t(`decision.${mutation.data.decision}`) })}</SuccessAlert>}
        {conflict ? (
          <ConflictAlert
            message={conflict.message}
            changes={
              current?.success
                ? changedFields(referral, current.data, [
                    { label: t("referrals.decisionTitle"), value: (r) => t(`decision.${r.decision}`) },
                    { label: t("referrals.decidedOn"), value: (r) => formatDate(r.decidedOn) },
                    { label: t("referrals.declineReason"), value: (r) => r.declineReason ?? "" },
                  ])
                : []
            }
            onReload={() => void reload()}
          />
        ) : (
          <ErrorAlert error={mutation.error} />
        )}
        {!mayAccept && (
          <Text size="sm" role="note">
            {t("referrals.onlyManagerMayAccept")}
          </Text>
        )}
        <Radio.Group label={t("referrals.decisionTitle")} required value={decision} onChange={setDecision} error={errors.decision}>
          <Stack gap="xs" mt={4}>
            {CHOICES.map((d) => (
              <Radio key={d} value={d} label={t(`decision.${d}`)} disabled={d === "accepted" && !mayAccept} />
            ))}
          </Stack>
        </Radio.Group>
        <TextInput
          label={t("referrals.decidedOn")}
          type="date"
          required
          value={decidedOn}
          onChange={(e) => setDecidedOn(e.currentTarget.value)}
          error={errors.decidedOn}
          maw={220}
        />
        {decision === "declined" && (
          <Textarea
            label={t("referrals.declineReason")}
            required
            autosize
            minRows={2}
            value={declineReason}
            onChange={(e) => setDeclineReason(e.currentTarget.value)}
            error={errors.declineReason}
          />
        )}
        {decision === "accepted" && referral.outsideTargetGroup && (
          <Textarea
            label={t("referrals.overrideReason")}
            description={t("referrals.overrideHelp")}
            required
            autosize
            minRows={2}
            value={overrideReason}
            onChange={(e) => setOverrideReason(e.currentTarget.value)}
            error={errors.overrideReason}
          />
        )}
        <Group>
          <Button type="submit" loading={mutation.isPending} disabled={conflict !== null}>
            {t("referrals.saveDecision")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
