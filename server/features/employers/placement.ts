import type { Db } from "../../db/client.ts";
import { invalidInput } from "../../errors.ts";
import { organisationOfProject } from "../participants/persons.ts";
import "./tables.ts";

/**
 * An activity's place in the employer network: the employer must be one of the organisation's,
 * and the workplace and supervisor must belong to that employer, the trade be one of its trades
 * (none of them without an employer).
 */
export async function assertPlacement(
  db: Db,
  projectId: string,
  p: { employerId: string | null; workplaceId: string | null; supervisorId: string | null; trade?: string | null },
): Promise<void> {
  if (!p.employerId) {
    if (p.trade) throw invalidInput({ trade: "Välj arbetsgivaren först; branschen väljs bland arbetsgivarens branscher." });
    if (p.workplaceId) throw invalidInput({ workplaceId: "Välj arbetsgivaren först; arbetsplatsen hör till en arbetsgivare." });
    if (p.supervisorId) throw invalidInput({ supervisorId: "Välj arbetsgivaren först; handledaren hör till en arbetsgivare." });
    return;
  }
  const organisationId = await organisationOfProject(db, projectId);
  const employer = await db
    .selectFrom("employers")
    .select(["id", "trades"])
    .where("id", "=", p.employerId)
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  if (!employer) throw invalidInput({ employerId: "Arbetsgivaren finns inte i organisationens arbetsgivarnätverk." });
  if (p.trade && !employer.trades.includes(p.trade))
    throw invalidInput({ trade: `Välj en av arbetsgivarens branscher: ${employer.trades.join(", ") || "arbetsgivaren har inga branscher ännu"}.` });
  if (p.workplaceId) {
    const w = await db.selectFrom("employer_workplaces").select("employer_id").where("id", "=", p.workplaceId).executeTakeFirst();
    if (!w || w.employer_id !== p.employerId) throw invalidInput({ workplaceId: "Arbetsplatsen hör inte till den valda arbetsgivaren." });
  }
  if (p.supervisorId) {
    const s = await db.selectFrom("employer_contacts").select("employer_id").where("id", "=", p.supervisorId).executeTakeFirst();
    if (!s || s.employer_id !== p.employerId) throw invalidInput({ supervisorId: "Handledaren hör inte till den valda arbetsgivaren." });
  }
}
