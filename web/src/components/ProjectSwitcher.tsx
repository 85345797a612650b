import { NativeSelect } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useMe } from "../features/auth/session.ts";
import { myProjectsQuery } from "../features/projects/queries.ts";
import { sortByName } from "../format.ts";

/** Go straight to one of my projects. The label says that choosing navigates (WCAG 3.2.2). */
export function ProjectSwitcher({ className }: { className?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const params = useParams({ strict: false });
  // On a participant page the project is the enrolment's; read it from the page's own query
  // without fetching (nor pulling the participant schemas into the first bundle).
  const enrolmentPage = useQuery<unknown>({ queryKey: ["enrolment", params.enrolmentId ?? ""], enabled: false });
  const projectId = params.projectId ?? projectOfEnrolmentPage(enrolmentPage.data);
  // The server's list is "my projects" (all of them for an administrator); until it has come,
  // the memberships we already have stand in.
  const list = useQuery(myProjectsQuery);
  const projects = list.data
    ? list.data.projects.map((p) => ({ id: p.id, name: p.name }))
    : me.memberships.map((m) => ({ id: m.projectId, name: m.projectName }));

  if (projects.length === 0) return null;
  const current = projects.some((p) => p.id === projectId) ? projectId : "";

  return (
    <NativeSelect
      className={className}
      label={t("layout.goToProject")}
      value={current}
      onChange={(event) => {
        const id = event.currentTarget.value;
        if (id) void navigate({ to: "/projekt/$projectId", params: { projectId: id } });
      }}
    >
      <option value="" disabled>
        {t("layout.chooseProject")}
      </option>
      {sortByName(projects, (p) => p.name).map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </NativeSelect>
  );
}

function projectOfEnrolmentPage(data: unknown): string | undefined {
  if (typeof data !== "object" || data === null || !("enrolment" in data)) return undefined;
  const enrolment = (data as { enrolment: unknown }).enrolment;
  if (typeof enrolment !== "object" || enrolment === null || !("projectId" in enrolment)) return undefined;
  const id = (enrolment as { projectId: unknown }).projectId;
  return typeof id === "string" ? id : undefined;
}
