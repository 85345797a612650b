import { Button, Group, NativeSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type FormEvent, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { CodeListName, CreateCodeInput, NationalCategories } from "../../../../schemas/codes.ts";
import { ErrorAlert, SuccessAlert } from "../../components/ErrorAlert.tsx";
import { type FieldErrors, mergeFieldErrors, useFocusFirstError, zodFieldErrors } from "../../components/forms.ts";
import { Loading } from "../../components/Loading.tsx";
import { ButtonLink } from "../../components/links.tsx";
import { Panel } from "../../components/Panel.tsx";
import { TableScroll } from "../../components/TableScroll.tsx";
import { ProjectSubpage } from "../participants/ProjectSubpage.tsx";
import { useProjectAccess } from "../projects/access.ts";
import { CodeRow } from "./CodeRow.tsx";
import { codesQuery, createCode } from "./queries.ts";

const route = getRouteApi("/app/projekt/$projectId/kodlistor");

/** The project's code lists, one at a time; managers add, rename, remap and retire codes. */
export function CodeListsPage() {
  const { t } = useTranslation();
  const { projectId } = route.useParams();
  const search = route.useSearch();
  const access = useProjectAccess(projectId);
  const parsed = CodeListName.safeParse(search.lista);
  const list = parsed.success ? parsed.data : "referring_party";
  const codes = useQuery(codesQuery(projectId));
  const rows = (codes.data?.codes ?? []).filter((c) => c.list === list);
  const caption = t("codes.caption", { list: t(`codes.lists.${list}`), count: rows.length });

  return (
    <ProjectSubpage projectId={projectId} title={t("codes.title")} intro={<Text maw={720}>{t("codes.intro")}</Text>}>
      <nav aria-label={t("codes.listsNav")}>
        <Group gap="xs">
          {CodeListName.options.map((l) => (
            <ButtonLink
              key={l}
              to="/projekt/$projectId/kodlistor"
              params={{ projectId }}
              search={{ lista: l === "referring_party" ? undefined : l }}
              variant={l === list ? "filled" : "default"}
              aria-current={l === list ? "page" : undefined}
              size="sm"
            >
              {t(`codes.lists.${l}`)}
            </ButtonLink>
          ))}
        </Group>
      </nav>
      {codes.isPending ? (
        <Loading />
      ) : codes.isError ? (
        <ErrorAlert error={codes.error} />
      ) : (
        <TableScroll minWidth={900} label={caption}>
          <Table verticalSpacing="xs">
            <Table.Caption>{caption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("codes.label")}</Table.Th>
                <Table.Th scope="col">{t("codes.code")}</Table.Th>
                <Table.Th scope="col">{t("codes.nationalCategory")}</Table.Th>
                <Table.Th scope="col">{t("codes.inUse")}</Table.Th>
                {access.manage && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <CodeRow key={c.id} projectId={projectId} code={c} editable={access.manage} />
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      {access.manage && (
        <Panel title={t("codes.addTitle", { list: t(`codes.lists.${list}`) })}>
          <AddCodeForm key={list} projectId={projectId} list={list} />
        </Panel>
      )}
    </ProjectSubpage>
  );
}

function AddCodeForm({ projectId, list }: { projectId: string; list: CodeListName }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({ code: "", label: "", nationalCategory: "" });
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const categories = NationalCategories[list];
  const set = (key: keyof typeof values, value: string) => setValues((v) => ({ ...v, [key]: value }));
  const mutation = useMutation({
    mutationFn: (input: CreateCodeInput) => createCode(projectId, input),
    onSuccess: async () => {
      setValues({ code: "", label: "", nationalCategory: "" });
      await queryClient.invalidateQueries({ queryKey: codesQuery(projectId).queryKey });
    },
  });
  const errors = mergeFieldErrors(clientErrors, mutation.error);
  useFocusFirstError(formRef, errors, attempt);

  function submit(event: FormEvent) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const parsed = CreateCodeInput.safeParse({ list, code: values.code, label: values.label, nationalCategory: values.nationalCategory || null });
    if (!parsed.success) {
      setClientErrors(zodFieldErrors(parsed.error));
      return;
    }
    setClientErrors({});
    mutation.mutate(parsed.data);
  }

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="sm" maw={720}>
        {mutation.isSuccess && <SuccessAlert>{t("codes.added", { label: mutation.data.label })}</SuccessAlert>}
        <ErrorAlert error={mutation.error} />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label={t("codes.label")}
            required
            value={values.label}
            onChange={(e) => set("label", e.currentTarget.value)}
            error={errors.label}
            w={280}
          />
          <TextInput
            label={t("codes.code")}
            description={t("codes.codeHelp")}
            required
            value={values.code}
            onChange={(e) => set("code", e.currentTarget.value)}
            error={errors.code}
            w={200}
          />
          {categories.length > 0 && (
            <NativeSelect
              label={t("codes.nationalCategory")}
              value={values.nationalCategory}
              onChange={(e) => set("nationalCategory", e.currentTarget.value)}
              error={errors.nationalCategory}
              w={260}
            >
              <option value="">{t("codes.noCategory")}</option>
              {categories.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </NativeSelect>
          )}
        </Group>
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            {t("codes.add")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
