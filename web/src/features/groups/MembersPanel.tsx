import { Button, NativeSelect, Group as Row, Stack, Table, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AddMemberInput, type Group, type GroupMember } from "../../../../schemas/groups.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { AnchorLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { todayIso } from "../../format.ts";
import { addMember, candidatesQuery, groupQuery, removeMember, updateMember } from "./queries.ts";

/** The group's participants with their periods; add from the project's enrolments, end or take away. */
export function MembersPanel({ group }: { group: Group }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: groupQuery(group.id).queryKey }),
      queryClient.invalidateQueries({ queryKey: candidatesQuery(group.id).queryKey }),
    ]);
  const end = useMutation({ mutationFn: (m: GroupMember) => updateMember(m.id, { version: m.version, toDate: todayIso() }), onSettled: refresh });
  const remove = useMutation({ mutationFn: (m: GroupMember) => removeMember(m.id), onSettled: refresh });
  const caption = t("groups.members.caption", { count: group.memberList.length });
  return (
    <Panel title={t("groups.members.title")}>
      <Stack gap="md">
        <ErrorAlert error={end.error ?? remove.error} />
        {group.memberList.length === 0 ? (
          <Text>{t("groups.members.none")}</Text>
        ) : (
          <TableScroll label={caption} minWidth={640}>
            <Table striped verticalSpacing="xs">
              <Table.Caption>{caption}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("groups.members.name")}</Table.Th>
                  <Table.Th scope="col">{t("groups.members.from")}</Table.Th>
                  <Table.Th scope="col">{t("groups.members.to")}</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {group.memberList.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row" fw={500}>
                      <AnchorLink to="/deltagare/$enrolmentId" params={{ enrolmentId: m.enrolmentId }}>
                        {m.name}
                      </AnchorLink>
                    </Table.Th>
                    <Table.Td>{m.fromDate}</Table.Td>
                    <Table.Td>{m.toDate ?? "–"}</Table.Td>
                    <Table.Td>
                      <Row gap="xs">
                        {!m.toDate && (
                          <Button size="xs" variant="default" onClick={() => end.mutate(m)} loading={end.isPending && end.variables?.id === m.id}>
                            {t("groups.members.endToday")}
                            <VisuallyHidden> {m.name}</VisuallyHidden>
                          </Button>
                        )}
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => remove.mutate(m)}
                          loading={remove.isPending && remove.variables?.id === m.id}
                        >
                          {t("groups.members.remove")}
                          <VisuallyHidden> {m.name}</VisuallyHidden>
                        </Button>
                      </Row>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <AddMemberForm group={group} onAdded={refresh} />
      </Stack>
    </Panel>
  );
}

function AddMemberForm({ group, onAdded }: { group: Group; onAdded: () => Promise<unknown> }) {
  const { t } = useTranslation();
  const candidates = useQuery(candidatesQuery(group.id));
  const [enrolmentId, setEnrolmentId] = useState("");
  const [fromDate, setFromDate] = useState(group.firstSession && group.firstSession > todayIso() ? group.firstSession : todayIso());
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const add = useMutation({
    mutationFn: (input: AddMemberInput) => addMember(group.id, input),
    onSuccess: async () => {
      setEnrolmentId("");
      await onAdded();
    },
  });
  const errors = mergeFieldErrors(clientErrors, add.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = AddMemberInput.safeParse({ enrolmentId, fromDate });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    add.mutate(parsed.data);
  }

  const list = candidates.data?.candidates ?? [];
  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text fw={600} component="h3" size="md" m={0}>
          {t("groups.members.addTitle")}
        </Text>
        <ErrorAlert error={add.error} />
        <Row align="flex-end" gap="sm">
          <NativeSelect
            label={t("groups.members.participant")}
            required
            miw={280}
            value={enrolmentId}
            onChange={(e) => setEnrolmentId(e.currentTarget.value)}
            error={errors.enrolmentId}
            data={[
              { value: "", label: t("groups.members.choose") },
              ...list.map((c) => ({
                value: c.enrolmentId,
                label: `${c.name} (${[t("groups.members.enrolledOn", { date: c.startDate }), c.inIntake ? t("groups.members.sameIntake") : ""].filter(Boolean).join(", ")})`,
              })),
            ]}
          />
          <TextInput
            type="date"
            label={t("groups.members.from")}
            required
            value={fromDate}
            onChange={(e) => setFromDate(e.currentTarget.value)}
            error={errors.fromDate}
          />
          <Button type="submit" loading={add.isPending}>
            {t("groups.members.add")}
          </Button>
        </Row>
      </Stack>
    </form>
  );
}
