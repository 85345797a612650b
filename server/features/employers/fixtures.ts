import type { Employer } from "../../../schemas/employers.ts";
import type { Session } from "../../test/factories.ts";
import { expectStatus } from "../../test/participants.ts";

let serial = 100_000;

/** A valid organisationsnummer NNNNNN-NNNN: nine digits (starting 55, as limited companies do) and the Luhn check digit. */
export function anOrganisationNumber(nine = `55${String(serial++).padStart(7, "0")}`): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return `${nine.slice(0, 6)}-${nine.slice(6)}${(10 - (sum % 10)) % 10}`;
}

/** The same number with a wrong check digit. */
export const withWrongCheckDigit = (n: string) => `${n.slice(0, -1)}${(Number(n.slice(-1)) + 1) % 10}`;

/** An employer registered by `as` through the project (201). */
export async function anEmployer(as: Session, projectId: string, body: Record<string, unknown> = {}): Promise<Employer> {
  return expectStatus(
    await as.post(`/api/projects/${projectId}/employers`, {
      name: "Bageriet i Älvby AB",
      organisationNumber: anOrganisationNumber(),
      sector: "private",
      ...body,
    }),
    201,
  );
}

export const employerUrl = (projectId: string, employerId: string) => `/api/projects/${projectId}/employers/${employerId}`;
