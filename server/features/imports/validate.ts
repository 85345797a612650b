import { sql } from "kysely";
import type { CodeListName } from "../../../schemas/codes.ts";
import type { ImportCounts, ImportProblem, ImportSampleRow, SheetName } from "../../../schemas/imports.ts";
import type { Gender } from "../../../schemas/participants.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import { plannedEnd, todayInSweden } from "../participants/dates.ts";
import { normalisePersonnummer, swedishSortKey } from "../participants/identity.ts";
import { organisationOfProject } from "../participants/persons.ts";
import { CodeIndex, type CodeRow } from "./codes.ts";
import { allRows, loadProjectRecords, type ProjectRecords } from "./load.ts";
import { problem } from "./problems.ts";
import type { ParsedSheet, SheetRow } from "./read.ts";
import {
  type ActivityRecord,
  activityCells,
  differingColumns,
  type EnrolmentRecord,
  type ExtensionRecord,
  employmentForms,
  enrolmentCells,
  extensionCells,
  type Income,
  type PersonFields,
} from "./records.ts";

/** What the import will write, once every row is valid. */
export interface ImportPlan {
  projectId: string;
  organisationId: string;
  newIntakes: { id: string; name: string; startDate: string }[];
  newPersons: { id: string; ref: string; fields: PersonFields }[];
  /** person_ref → the person (new or existing) it becomes. */
  personRefs: { ref: string; personId: string }[];
  newEnrolments: {
    id: string;
    personId: string;
    intakeId: string | null;
    coachId: string | null;
    referralId: string | null;
    plannedEnd: string;
    r: EnrolmentRecord;
  }[];
  newActivities: { id: string; enrolmentId: string; category: string | null; r: ActivityRecord }[];
  newExtensions: { id: string; enrolmentId: string; previousEnd: string; r: ExtensionRecord }[];
  /** Existing enrolments whose planned end moves with a new extension. */
  movedEnds: { enrolmentId: string; plannedEnd: string }[];
  linkedPersons: number;
}

export interface Validation {
  problems: ImportProblem[];
  plan: ImportPlan;
  counts: ImportCounts;
  sample: ImportSampleRow[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const isDate = (s: string) => {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};
const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const listWords: Record<CodeListName, [string, string]> = {
  referring_party: ["initierande parter", "referring parties"],
  exit_status: ["avslutsorsaker", "exit reasons"],
  income_type: ["inkomstkällor", "income sources"],
  education_level: ["utbildningsnivåer", "education levels"],
  activity_type: ["insatstyper", "activity types"],
  extension_reason: ["skäl till förlängning", "extension reasons"],
  step: ["steg", "steps"],
};

/** Reads the cells of one row, collecting a problem for each cell that is not right. */
class RowReader {
  ok = true;
  constructor(
    private readonly sheet: ParsedSheet,
    readonly row: SheetRow,
    private readonly problems: ImportProblem[],
  ) {}

  report(column: string | null, sv: string, en: string, value = column ? (this.row.cells[column] ?? null) : null) {
    this.ok = false;
    this.problems.push(problem(this.sheet.sheet, this.sheet.source, this.row.row, column, value, sv, en));
  }

  text(col: string, max = 200): string | null {
    const v = this.row.cells[col] ?? "";
    if (!v) return null;
    if (v.length > max) {
      this.report(col, `Högst ${max} tecken.`, `At most ${max} characters.`);
      return null;
    }
    return v;
  }

  required(col: string, max = 200): string {
    const v = this.text(col, max);
    if (v == null && !(this.row.cells[col] ?? ""))
      this.report(col, "Värdet saknas; kolumnen måste fyllas i.", "The value is missing; this column must be filled in.");
    return v ?? "";
  }

  date(col: string, required = false): string | null {
    const v = this.row.cells[col] ?? "";
    if (!v) {
      if (required) this.report(col, "Datum saknas. Ange datum som ÅÅÅÅ-MM-DD.", "The date is missing. Write it as YYYY-MM-DD.");
      return null;
    }
    if (!isDate(v)) {
      this.report(
        col,
        "Datumet går inte att läsa. Ange det som ÅÅÅÅ-MM-DD, t.ex. 2024-03-01.",
        "The date cannot be read. Write it as YYYY-MM-DD, e.g. 2024-03-01.",
      );
      return null;
    }
    return v;
  }

  yesNo(col: string, fallback: boolean | null): boolean | null {
    const v = (this.row.cells[col] ?? "").toLowerCase();
    if (!v) return fallback;
    if (["ja", "yes", "j", "1", "true", "sant"].includes(v)) return true;
    if (["nej", "no", "n", "0", "false", "falskt"].includes(v)) return false;
    this.report(col, "Skriv ja eller nej.", "Write ja (yes) or nej (no).");
    return fallback;
  }

  int(col: string, min: number, max: number): number | null {
    const v = (this.row.cells[col] ?? "").replace(",", ".");
    if (!v) return null;
    const n = Number(v);
    if (!Number.isFinite(n) || !Number.isInteger(n) || n < min || n > max) {
      this.report(col, `Ange ett heltal från ${min} till ${max}.`, `Write a whole number from ${min} to ${max}.`);
      return null;
    }
    return n;
  }

  code(codes: CodeIndex, list: CodeListName, col: string, required = false): string | null {
    const v = this.row.cells[col] ?? "";
    if (!v) {
      if (required) this.report(col, "Värdet saknas; kolumnen måste fyllas i.", "The value is missing; this column must be filled in.");
      return null;
    }
    const code = codes.resolve(list, v);
    if (!code) {
      const [sv, en] = listWords[list];
      this.report(
        col,
        `”${v}” finns inte bland projektets ${sv}. Använd koden eller benämningen, t.ex. ${codes.examples(list)}.`,
        `"${v}" is not one of the project's ${en}. Use the code or its label, e.g. ${codes.examples(list)}.`,
      );
    }
    return code;
  }

  /** `FK:75+Ingen:25`: sources with shares of 25, 50, 75 or 100 that add up to 100. */
  incomes(codes: CodeIndex, col: string, preferred: string | null): Income[] {
    const v = this.row.cells[col] ?? "";
    if (!v) return [];
    const out: Income[] = [];
    for (const part of v.split("+")) {
      const m = /^\s*([^:]+?)\s*:\s*(\d+)\s*%?\s*$/.exec(part);
      if (!m) {
        this.report(
          col,
          `”${part.trim()}” går inte att läsa. Skriv källa och andel, t.ex. FK:100 eller Kom:50+Egen:50.`,
          `"${part.trim()}" cannot be read. Write source and share, e.g. FK:100 or Kom:50+Egen:50.`,
        );
        return [];
      }
      const [, source = "", shareText = ""] = m;
      const code = codes.resolveIncome(source, preferred);
      const share = Number(shareText);
      if (!code) {
        this.report(
          col,
          `Inkomstkällan ”${source}” känns inte igen. Använd FK, AF, Kom, Egen, Ingen eller en av projektets inkomstkällor.`,
          `The income source "${source}" is not known. Use FK, AF, Kom, Egen, Ingen or one of the project's income sources.`,
        );
        return [];
      }
      if (![25, 50, 75, 100].includes(share)) {
        this.report(col, `Andelen ${share} % går inte; ange 25, 50, 75 eller 100.`, `A share of ${share} % is not possible; use 25, 50, 75 or 100.`);
        return [];
      }
      const same = out.find((i) => i.code === code);
      if (same) {
        this.report(
          col,
          `Inkomstkällan ”${source}” står två gånger; slå ihop andelarna.`,
          `The income source "${source}" appears twice; add the shares together.`,
        );
        return [];
      }
      out.push({ code, share });
    }
    const sum = out.reduce((s, i) => s + i.share, 0);
    if (sum !== 100) {
      this.report(col, `Andelarna blir ${sum} % tillsammans; de ska bli 100 %.`, `The shares add up to ${sum} %; they must add up to 100 %.`);
      return [];
    }
    return out;
  }
}

/** The largest share wins; on a tie the source listed first (as when enrolling by hand). */
const mainOf = (xs: Income[]) => xs.reduce<Income | undefined>((best, i) => (!best || i.share > best.share ? i : best), undefined)?.code ?? null;

async function loadContext(db: Db, projectId: string) {
  const project = await db.selectFrom("projects").select(["planned_months"]).where("id", "=", projectId).executeTakeFirst();
  if (!project) throw new AppError("not_found", "Projektet finns inte.");
  const organisationId = await organisationOfProject(db, projectId);
  const codes = new CodeIndex(
    (await db
      .selectFrom("codes")
      .select(["list", "code", "label", "national_category", "sort_order"])
      .where("project_id", "=", projectId)
      .execute()) as CodeRow[],
  );
  const intakes = await db.selectFrom("intakes").select(["id", "name"]).where("project_id", "=", projectId).execute();
  const staff = await db
    .selectFrom("project_memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["u.id", "u.email", "u.name"])
    .where("m.project_id", "=", projectId)
    .where("m.role", "in", ["coach", "manager"])
    .execute();
  return { project, organisationId, codes, intakes, staff };
}

type Sheets = Partial<Record<SheetName, ParsedSheet>>;

/** Check every row of every sheet against the format and the project; nothing is written. */
export async function validateImport(db: Db, projectId: string, sheets: Sheets, today = todayInSweden()): Promise<Validation> {
  const { project, organisationId, codes, intakes, staff } = await loadContext(db, projectId);
  const existing: ProjectRecords = await loadProjectRecords(db, projectId);
  const problems: ImportProblem[] = [];
  const plan: ImportPlan = {
    projectId,
    organisationId,
    newIntakes: [],
    newPersons: [],
    personRefs: [],
    newEnrolments: [],
    newActivities: [],
    newExtensions: [],
    movedEnds: [],
    linkedPersons: 0,
  };
  const existingEnrolmentById = new Map(existing.enrolments.map((e) => [e.id, e]));
  /** A spreadsheet id of an existing record: one an earlier import gave it, or the record's own id (as an export writes). */
  const existingId = (kind: keyof ProjectRecords["refs"], ref: string, ids: Set<string>) =>
    existing.refs[kind].get(ref) ?? (uuidLike.test(ref) && ids.has(ref.toLowerCase()) ? ref.toLowerCase() : undefined);
  const enrolmentIds = new Set(existing.enrolments.map((e) => e.id));
  const activityById = new Map(existing.activities.map((a) => [a.id, a]));
  const extensionById = new Map(existing.extensions.map((x) => [x.id, x]));

  // ---------- enrolments ----------
  type Parsed = { rr: RowReader; r: EnrolmentRecord; coachId: string | null };
  const parsed: Parsed[] = [];
  const sheetE = sheets.enrolments;
  const seenRefs = new Map<string, number>();
  for (const row of sheetE?.rows ?? []) {
    const rr = new RowReader(sheetE as ParsedSheet, row, problems);
    const enrolmentRef = rr.required("enrolment_ref");
    if (enrolmentRef) {
      const first = seenRefs.get(enrolmentRef);
      if (first)
        rr.report(
          "enrolment_ref",
          `Samma enrolment_ref som rad ${first}; varje inskrivning ska ha ett eget id.`,
          `Same enrolment_ref as row ${first}; each enrolment needs its own id.`,
        );
      else seenRefs.set(enrolmentRef, row.row);
    }
    const personRef = rr.required("person_ref");
    const firstName = rr.required("first_name", 100);
    const lastName = rr.required("last_name", 100);
    const genderText = (row.cells.gender ?? "").toLowerCase();
    let gender: Gender = "annat";
    if (!genderText) rr.report("gender", "Kön saknas; skriv kvinna, man eller annat.", "Gender is missing; write kvinna (woman), man or annat (other).");
    else if (["kvinna", "man", "annat"].includes(genderText)) gender = genderText as Gender;
    else rr.report("gender", "Skriv kvinna, man eller annat.", "Write kvinna (woman), man or annat (other).");
    let birthDate = rr.date("birth_date");
    let personnummer: string | null = null;
    const pnrText = row.cells.personnummer ?? "";
    if (pnrText) {
      try {
        const n = normalisePersonnummer(pnrText);
        personnummer = n.personnummer;
        if (birthDate && birthDate !== n.birthDate)
          rr.report(
            "birth_date",
            `Födelsedatumet stämmer inte med personnumret (${n.birthDate}).`,
            `The birth date does not match the personnummer (${n.birthDate}).`,
          );
        birthDate = n.birthDate;
      } catch {
        rr.report(
          "personnummer",
          "Personnumret är inte giltigt: kontrollsiffran stämmer inte eller formatet är fel (ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN).",
          "The personnummer is not valid: the check digit is wrong or the format is not YYYYMMDD-NNNN or YYMMDD-NNNN.",
        );
      }
    } else if (!birthDate && !row.cells.birth_date) {
      rr.report("birth_date", "Ange födelsedatum när personnummer saknas.", "Give the birth date when there is no personnummer.");
    }
    if (birthDate && birthDate > today) rr.report("birth_date", "Födelsedatumet ligger i framtiden.", "The birth date is in the future.");
    const intake = rr.text("intake", 120);
    const referralDate = rr.date("referral_date");
    const referringParty = rr.code(codes, "referring_party", "referring_party");
    if (referralDate && !row.cells.referring_party)
      rr.report("referring_party", "Ange initierande part när aktualiseringsdatum finns.", "Give the referring party when there is a referral date.");
    const startDate = rr.date("start_date", true);
    if (referralDate && startDate && referralDate > startDate)
      rr.report("referral_date", "Aktualiseringsdatum kan inte vara efter startdatum.", "The referral date cannot be after the start date.");
    const planned = rr.int("planned_months", 1, 60) ?? project.planned_months;
    if (planned == null && !row.cells.planned_months)
      rr.report(
        "planned_months",
        "Ange planerad tid i månader; projektet har ingen förvald tid.",
        "Give the planned time in months; the project has no default.",
      );
    const educationLevel = rr.code(codes, "education_level", "education_level");
    const educationCompleted = rr.yesNo("education_completed", null);
    const hadEmployment = rr.yesNo("had_employment", false) ?? false;
    const hadInternship = rr.yesNo("had_internship", false) ?? false;
    const mainGiven = rr.code(codes, "income_type", "main_income_at_entry");
    const incomesEntry = rr.incomes(codes, "income_at_entry", mainGiven);
    if (mainGiven && incomesEntry.length && !incomesEntry.some((i) => i.code === mainGiven))
      rr.report(
        "main_income_at_entry",
        "Huvudsaklig försörjning ska vara en av källorna i försörjning_start.",
        "The main income must be one of the sources in income_at_entry.",
      );
    const endDate = rr.date("end_date");
    if (endDate && startDate && endDate < startDate)
      rr.report("end_date", "Slutdatum kan inte vara före startdatum.", "The end date cannot be before the start date.");
    const exitStatus = rr.code(codes, "exit_status", "exit_status", Boolean(endDate));
    const kindText = (row.cells.exit_kind ?? "").toLowerCase();
    let exitFinal: boolean | null = null;
    if (kindText === "slutligt" || kindText === "final") exitFinal = true;
    else if (kindText === "tillfälligt" || kindText === "tillfalligt" || kindText === "temporary") exitFinal = false;
    else if (kindText) rr.report("exit_kind", "Skriv slutligt eller tillfälligt.", "Write slutligt (final) or tillfälligt (temporary).");
    else if (endDate)
      rr.report("exit_kind", "Ange om avslutet är slutligt eller tillfälligt.", "Say whether the exit is slutligt (final) or tillfälligt (temporary).");
    const incomesExit = rr.incomes(codes, "income_at_exit", null);
    if (endDate && !incomesExit.length && !row.cells.income_at_exit)
      rr.report("income_at_exit", "Ange försörjning vid avslut, t.ex. Egen:100 eller Ingen:100.", "Give the income at exit, e.g. Egen:100 or Ingen:100.");
    if (!endDate && (row.cells.exit_status || row.cells.exit_kind || row.cells.income_at_exit))
      rr.report("end_date", "Avslutsuppgifter finns men slutdatum saknas.", "There are exit details but no end date.", null);
    const counted = rr.yesNo("counted_in_statistics", true) ?? true;
    const notCountedReason = rr.text("not_counted_reason", 500);
    if (!counted && !notCountedReason)
      rr.report("not_counted_reason", "Ange varför inskrivningen inte räknas i statistiken.", "Say why the enrolment is not counted in the statistics.");
    const coachText = rr.text("coach", 200);
    let coach: string | null = null;
    let coachId: string | null = null;
    if (coachText) {
      const c = coachText.toLowerCase();
      const hits = staff.filter((s) => s.email === c || s.name.toLowerCase() === c);
      if (hits.length === 1 && hits[0]) {
        coach = hits[0].email;
        coachId = hits[0].id;
      } else if (hits.length > 1)
        rr.report("coach", "Flera i projektet har det namnet; ange e-postadressen.", "Several people in the project have that name; give the e-mail address.");
      else
        rr.report(
          "coach",
          "Ingen coach eller projektledare i projektet har den e-postadressen eller det namnet.",
          "No coach or manager of the project has that e-mail address or name.",
        );
    }
    const record: EnrolmentRecord = {
      enrolmentRef,
      personRef,
      person: { personnummer, firstName, lastName, gender, birthDate: birthDate ?? "" },
      intake,
      referralDate,
      referringParty,
      startDate: startDate ?? "",
      plannedMonths: planned ?? 0,
      educationLevel,
      educationCompleted,
      hadEmployment,
      hadInternship,
      mainIncome: mainGiven ?? mainOf(incomesEntry),
      incomesEntry,
      endDate,
      exitStatus: endDate ? exitStatus : null,
      exitFinal: endDate ? exitFinal : null,
      incomesExit,
      counted,
      notCountedReason: counted ? null : notCountedReason,
      coach,
    };
    parsed.push({ rr, r: record, coachId });
  }

  // One person_ref is one person: the same identity on every row.
  const byPerson = new Map<string, Parsed[]>();
  for (const p of parsed) if (p.r.personRef) byPerson.set(p.r.personRef, [...(byPerson.get(p.r.personRef) ?? []), p]);
  const identity = (f: PersonFields) => JSON.stringify([f.personnummer, f.firstName, f.lastName, f.gender, f.birthDate]);
  for (const rows of byPerson.values()) {
    const [first, ...rest] = rows;
    if (!first) continue;
    for (const p of rest) {
      if (identity(p.r.person) !== identity(first.r.person))
        p.rr.report(
          "person_ref",
          `Samma person_ref som rad ${first.rr.row.row} men andra personuppgifter (namn, kön, födelsedatum eller personnummer).`,
          `Same person_ref as row ${first.rr.row.row} but different personal details (name, gender, birth date or personnummer).`,
        );
    }
  }
  const pnrOwner = new Map<string, Parsed>();
  for (const rows of byPerson.values()) {
    const first = rows[0];
    const pnr = first?.r.person.personnummer;
    if (!first || !pnr) continue;
    const other = pnrOwner.get(pnr);
    if (other)
      first.rr.report(
        "personnummer",
        `Samma personnummer som rad ${other.rr.row.row}, som har ett annat person_ref.`,
        `The same personnummer as row ${other.rr.row.row}, which has another person_ref.`,
      );
    else pnrOwner.set(pnr, first);
  }

  // Persons: a known person_ref, else the same personnummer, else the same name and birth date — linked, never a copy.
  const firsts = [...byPerson.values()].map((rows) => rows[0]).filter((p): p is Parsed => Boolean(p));
  const pnrs = firsts.map((p) => p.r.person.personnummer).filter((x): x is string => Boolean(x));
  const sortKeys = firsts.map((p) => swedishSortKey(p.r.person.lastName, p.r.person.firstName));
  // The keys travel as one JSON parameter; the answer comes back as one JSON value.
  const candidates =
    pnrs.length + sortKeys.length
      ? await allRows(
          db,
          db
            .selectFrom("persons")
            .select(["id", "personnummer", "sort_name", "birth_date"])
            .where("organisation_id", "=", organisationId)
            .where((eb) =>
              eb.or([
                eb("personnummer", "in", sql<string>`(SELECT json_array_elements_text(${JSON.stringify(pnrs)}::json))`),
                eb("sort_name", "in", sql<string>`(SELECT json_array_elements_text(${JSON.stringify([...new Set(sortKeys)])}::json))`),
              ]),
            ),
        )
      : [];
  const personOf = new Map<string, { id: string; linked: boolean }>();
  const projectPersonIds = new Set(existing.enrolments.map((e) => e.personId));
  for (const p of firsts) {
    const f = p.r.person;
    const known =
      existing.refs.person.get(p.r.personRef) ??
      (uuidLike.test(p.r.personRef) && projectPersonIds.has(p.r.personRef.toLowerCase()) ? p.r.personRef.toLowerCase() : undefined);
    const key = swedishSortKey(f.lastName, f.firstName);
    const hit =
      known ??
      (f.personnummer ? candidates.find((c) => c.personnummer === f.personnummer)?.id : undefined) ??
      candidates.find((c) => c.sort_name === key && c.birth_date === f.birthDate && (!f.personnummer || !c.personnummer))?.id;
    if (hit) personOf.set(p.r.personRef, { id: hit, linked: true });
    else personOf.set(p.r.personRef, { id: crypto.randomUUID(), linked: false });
  }

  // Intakes by name; a missing one is created, starting on its first enrolment's start.
  const intakeIds = new Map(intakes.map((i) => [i.name.toLowerCase(), i.id]));
  const newIntakeByName = new Map<string, ImportPlan["newIntakes"][number]>();

  // Enrolments already in the project are matched on their id and must say the same.
  const fileEnrolments = new Map<string, { id: string; startDate: string; endDate: string | null; plannedEnd: string; isNew: boolean; personId: string }>();
  const sample: ImportSampleRow[] = [];
  let unchangedEnrolments = 0;
  for (const p of parsed) {
    const r = p.r;
    if (!r.enrolmentRef || fileEnrolments.has(r.enrolmentRef)) continue;
    const matchedId = existingId("enrolment", r.enrolmentRef, enrolmentIds);
    const person = personOf.get(r.personRef);
    const name = `${r.person.firstName} ${r.person.lastName}`;
    if (matchedId) {
      const current = existingEnrolmentById.get(matchedId);
      if (current) {
        const cellsNow = enrolmentCells({ ...current, enrolmentRef: r.enrolmentRef, personRef: r.personRef });
        const diff = p.rr.ok ? differingColumns(enrolmentCells(r), cellsNow, ["enrolment_ref", "person_ref"]) : [];
        for (const col of diff)
          p.rr.report(
            col,
            `Inskrivningen ${r.enrolmentRef} finns redan i projektet med ett annat värde här (i Stegvis: ”${cellsNow[col] ?? ""}”). En ny import ändrar inte befintliga uppgifter; ändra i Stegvis eller i filen.`,
            `The enrolment ${r.enrolmentRef} is already in the project with another value here (in Stegvis: "${cellsNow[col] ?? ""}"). An import does not change existing records; change it in Stegvis or in the file.`,
          );
        fileEnrolments.set(r.enrolmentRef, {
          id: matchedId,
          startDate: current.startDate,
          endDate: current.endDate,
          plannedEnd: current.plannedEndDate,
          isNew: false,
          personId: current.personId,
        });
        unchangedEnrolments++;
        if (sample.length < 10)
          sample.push({
            enrolmentRef: r.enrolmentRef,
            name,
            intake: r.intake,
            startDate: r.startDate,
            endDate: r.endDate,
            state: "unchanged",
            personLinked: true,
          });
      }
      continue;
    }
    if (!person || !p.rr.ok) {
      // Still known to the other sheets, so one wrong cell does not make every activity of the enrolment wrong too.
      if (r.startDate)
        fileEnrolments.set(r.enrolmentRef, { id: "", startDate: r.startDate, endDate: r.endDate, plannedEnd: r.startDate, isNew: true, personId: "" });
      continue;
    }
    let intakeId: string | null = null;
    if (r.intake) {
      const key = r.intake.toLowerCase();
      intakeId = intakeIds.get(key) ?? null;
      if (!intakeId) {
        const created = newIntakeByName.get(key) ?? { id: crypto.randomUUID(), name: r.intake, startDate: r.startDate };
        if (r.startDate < created.startDate) created.startDate = r.startDate;
        newIntakeByName.set(key, created);
        intakeId = created.id;
      }
    }
    const id = crypto.randomUUID();
    const end = plannedEnd(r.startDate, r.plannedMonths);
    plan.newEnrolments.push({
      id,
      personId: person.id,
      intakeId,
      coachId: p.coachId,
      referralId: r.referralDate ? crypto.randomUUID() : null,
      plannedEnd: end,
      r,
    });
    fileEnrolments.set(r.enrolmentRef, { id, startDate: r.startDate, endDate: r.endDate, plannedEnd: end, isNew: true, personId: person.id });
    if (sample.length < 10)
      sample.push({
        enrolmentRef: r.enrolmentRef,
        name,
        intake: r.intake,
        startDate: r.startDate,
        endDate: r.endDate,
        state: "new",
        personLinked: person.linked,
      });
  }
  plan.newIntakes = [...newIntakeByName.values()];

  // No two enrolments of one person in the project may overlap.
  const periods = new Map<string, { start: string; end: string | null; label: string; row: RowReader | null }[]>();
  for (const e of existing.enrolments)
    periods.set(e.personId, [...(periods.get(e.personId) ?? []), { start: e.startDate, end: e.endDate, label: e.enrolmentRef, row: null }]);
  const rowOfRef = new Map(parsed.map((p) => [p.r.enrolmentRef, p.rr]));
  for (const e of plan.newEnrolments) {
    const mine = periods.get(e.personId) ?? [];
    const rr = rowOfRef.get(e.r.enrolmentRef);
    for (const o of mine) {
      const overlaps = (o.end == null || o.end >= e.r.startDate) && (e.r.endDate == null || e.r.endDate >= o.start);
      if (overlaps && rr)
        rr.report(
          "start_date",
          `Perioden överlappar personens inskrivning ${o.label} (${o.start}–${o.end ?? "pågår"}). En person kan bara vara inskriven en gång åt gången.`,
          `The period overlaps the person's enrolment ${o.label} (${o.start}–${o.end ?? "ongoing"}). A person can only be enrolled once at a time.`,
        );
    }
    periods.set(e.personId, [...mine, { start: e.r.startDate, end: e.r.endDate, label: e.r.enrolmentRef, row: rr ?? null }]);
  }

  /** An enrolment_ref of the file or of the project. */
  const enrolmentFor = (ref: string) => {
    const inFile = fileEnrolments.get(ref);
    if (inFile) return inFile;
    const id = existingId("enrolment", ref, enrolmentIds);
    const e = id ? existingEnrolmentById.get(id) : undefined;
    return e ? { id: e.id, startDate: e.startDate, endDate: e.endDate, plannedEnd: e.plannedEndDate, isNew: false, personId: e.personId } : undefined;
  };
  const missingEnrolment = (rr: RowReader) =>
    rr.report(
      "enrolment_ref",
      "Det finns ingen inskrivning med det id:t, varken i bladet enrolments eller i projektet.",
      "There is no enrolment with that id, neither in the enrolments sheet nor in the project.",
    );

  // ---------- activities ----------
  const sheetA = sheets.activities;
  const seenActivities = new Map<string, number>();
  let unchangedActivities = 0;
  const activityIds = new Set(activityById.keys());
  for (const row of sheetA?.rows ?? []) {
    const rr = new RowReader(sheetA as ParsedSheet, row, problems);
    const activityRef = rr.required("activity_ref");
    if (activityRef) {
      const first = seenActivities.get(activityRef);
      if (first) rr.report("activity_ref", `Samma activity_ref som rad ${first}.`, `Same activity_ref as row ${first}.`);
      else seenActivities.set(activityRef, row.row);
    }
    const enrolmentRef = rr.required("enrolment_ref");
    const enrolment = enrolmentRef ? enrolmentFor(enrolmentRef) : undefined;
    if (enrolmentRef && !enrolment) missingEnrolment(rr);
    const type = rr.code(codes, "activity_type", "type", true);
    const startDate = rr.date("start_date", true);
    const endDate = rr.date("end_date");
    if (startDate && endDate && endDate < startDate)
      rr.report(
        "end_date",
        `Aktiviteten slutar (${endDate}) före sin start (${startDate}).`,
        `The activity ends (${endDate}) before it starts (${startDate}).`,
      );
    if (enrolment && startDate) {
      if (startDate < enrolment.startDate)
        rr.report(
          "start_date",
          `Aktiviteten kan inte börja före inskrivningens start (${enrolment.startDate}).`,
          `The activity cannot start before the enrolment does (${enrolment.startDate}).`,
        );
      if (enrolment.endDate && (!endDate || endDate > enrolment.endDate) && !(startDate && endDate && endDate < startDate))
        rr.report(
          "end_date",
          `Inskrivningen avslutades ${enrolment.endDate}; aktiviteten ska sluta senast då.`,
          `The enrolment ended on ${enrolment.endDate}; the activity must end by then.`,
        );
    }
    const extentText = (row.cells.extent_percent ?? "").replace("%", "").trim();
    let extentPercent: number | null = null;
    if (extentText) {
      const n = Number(extentText.replace(",", "."));
      if (!Number.isFinite(n) || n < 0 || n > 100) rr.report("extent_percent", "Ange omfattningen i procent, 0–100.", "Give the extent in percent, 0–100.");
      else extentPercent = n === 0 ? null : Math.round(n * 10) / 10;
    }
    const category = type ? (codes.rows("activity_type").find((c) => c.code === type)?.national_category ?? null) : null;
    const employer = rr.text("employer", 200);
    const formText = (row.cells.employment_form ?? "").toLowerCase();
    let employmentForm: ActivityRecord["employmentForm"] = null;
    if (formText) {
      const hit = Object.entries(employmentForms).find(([, words]) => words.includes(formText) || words.map((w) => w.toLowerCase()).includes(formText));
      if (!hit)
        rr.report(
          "employment_form",
          "Anställningsformen känns inte igen. Skriv lönebidrag, resursjobb, OSA, nystartsjobb, instegsjobb, ordinarie eller annan.",
          "The form of employment is not known. Write lönebidrag, resursjobb, OSA, nystartsjobb, instegsjobb, ordinarie or annan.",
        );
      else if (category !== "anstallning")
        rr.report("employment_form", "Anställningsform anges bara för en anställning.", "A form of employment is only given for an employment.");
      else employmentForm = hit[0] as ActivityRecord["employmentForm"];
    }
    // An employment without a stated form is recorded as "other" rather than guessed.
    if (category === "anstallning" && !formText) employmentForm = "other";
    const provider = rr.text("provider", 200);
    const note = rr.text("note", 4000);
    const r: ActivityRecord = {
      activityRef,
      enrolmentRef,
      type: type ?? "",
      startDate: startDate ?? "",
      endDate,
      extentPercent,
      employer,
      employmentForm,
      provider,
      note,
    };
    const matchedId = activityRef ? existingId("activity", activityRef, activityIds) : undefined;
    if (matchedId) {
      const current = activityById.get(matchedId);
      if (current && rr.ok) {
        const now = activityCells({ ...current, activityRef, enrolmentRef });
        for (const col of differingColumns(activityCells(r), now, ["activity_ref"]))
          rr.report(
            col,
            `Aktiviteten ${activityRef} finns redan i projektet med ett annat värde här (i Stegvis: ”${now[col] ?? ""}”).`,
            `The activity ${activityRef} is already in the project with another value here (in Stegvis: "${now[col] ?? ""}").`,
          );
      }
      unchangedActivities++;
      continue;
    }
    if (rr.ok && enrolment) plan.newActivities.push({ id: crypto.randomUUID(), enrolmentId: enrolment.id, category, r });
  }

  // ---------- extensions ----------
  const sheetX = sheets.extensions;
  const seenExtensions = new Map<string, number>();
  let unchangedExtensions = 0;
  const extensionIds = new Set(extensionById.keys());
  const endNow = new Map<string, string>();
  const xRows: { rr: RowReader; r: ExtensionRecord; enrolment: NonNullable<ReturnType<typeof enrolmentFor>> }[] = [];
  for (const row of sheetX?.rows ?? []) {
    const rr = new RowReader(sheetX as ParsedSheet, row, problems);
    const extensionRef = rr.required("extension_ref");
    if (extensionRef) {
      const first = seenExtensions.get(extensionRef);
      if (first) rr.report("extension_ref", `Samma extension_ref som rad ${first}.`, `Same extension_ref as row ${first}.`);
      else seenExtensions.set(extensionRef, row.row);
    }
    const enrolmentRef = rr.required("enrolment_ref");
    const enrolment = enrolmentRef ? enrolmentFor(enrolmentRef) : undefined;
    if (enrolmentRef && !enrolment) missingEnrolment(rr);
    const decidedDate = rr.date("decided_date", true);
    const newEndDate = rr.date("new_end_date", true);
    const reason = rr.code(codes, "extension_reason", "reason", true);
    if (enrolment && decidedDate) {
      if (decidedDate < enrolment.startDate)
        rr.report(
          "decided_date",
          `Beslutet kan inte vara före inskrivningens start (${enrolment.startDate}).`,
          `The decision cannot be before the enrolment started (${enrolment.startDate}).`,
        );
      if (enrolment.endDate && decidedDate > enrolment.endDate)
        rr.report(
          "decided_date",
          `Inskrivningen avslutades ${enrolment.endDate}, före beslutet.`,
          `The enrolment ended on ${enrolment.endDate}, before the decision.`,
        );
    }
    const r: ExtensionRecord = { extensionRef, enrolmentRef, decidedDate: decidedDate ?? "", newEndDate: newEndDate ?? "", reason: reason ?? "" };
    const matchedId = extensionRef ? existingId("extension", extensionRef, extensionIds) : undefined;
    if (matchedId) {
      const current = extensionById.get(matchedId);
      if (current && rr.ok) {
        const now = extensionCells({ ...current, extensionRef, enrolmentRef });
        for (const col of differingColumns(extensionCells(r), now, ["extension_ref"]))
          rr.report(
            col,
            `Förlängningen ${extensionRef} finns redan i projektet med ett annat värde här (i Stegvis: ”${now[col] ?? ""}”).`,
            `The extension ${extensionRef} is already in the project with another value here (in Stegvis: "${now[col] ?? ""}").`,
          );
      }
      unchangedExtensions++;
      continue;
    }
    if (enrolment && rr.ok) xRows.push({ rr, r, enrolment });
  }
  // Extensions of one enrolment in decision order, each moving the planned end further.
  xRows.sort((a, b) => a.r.decidedDate.localeCompare(b.r.decidedDate));
  for (const x of xRows) {
    const previousEnd = endNow.get(x.enrolment.id) ?? x.enrolment.plannedEnd;
    if (x.r.newEndDate <= previousEnd) {
      x.rr.report(
        "new_end_date",
        `Ny slutdag måste vara efter den planerade slutdagen ${previousEnd}.`,
        `The new end date must be after the planned end date ${previousEnd}.`,
      );
      continue;
    }
    endNow.set(x.enrolment.id, x.r.newEndDate);
    plan.newExtensions.push({ id: crypto.randomUUID(), enrolmentId: x.enrolment.id, previousEnd, r: x.r });
  }
  for (const [enrolmentId, end] of endNow) {
    const e = plan.newEnrolments.find((n) => n.id === enrolmentId);
    if (e) e.plannedEnd = end;
    else plan.movedEnds.push({ enrolmentId, plannedEnd: end });
  }

  // Persons the plan needs: new ones are created, known ones linked.
  const usedRefs = new Set(plan.newEnrolments.map((e) => e.r.personRef));
  for (const p of firsts) {
    const person = personOf.get(p.r.personRef);
    if (!person || !usedRefs.has(p.r.personRef)) continue;
    if (!existing.refs.person.has(p.r.personRef)) plan.personRefs.push({ ref: p.r.personRef, personId: person.id });
    if (person.linked) plan.linkedPersons++;
    else plan.newPersons.push({ id: person.id, ref: p.r.personRef, fields: p.r.person });
  }

  const counts: ImportCounts = {
    rows: { enrolments: sheetE?.rows.length ?? 0, activities: sheetA?.rows.length ?? 0, extensions: sheetX?.rows.length ?? 0 },
    persons: { new: plan.newPersons.length, linked: plan.linkedPersons },
    enrolments: { new: plan.newEnrolments.length, unchanged: unchangedEnrolments },
    referrals: plan.newEnrolments.filter((e) => e.referralId).length,
    intakes: { new: plan.newIntakes.length, names: plan.newIntakes.map((i) => i.name) },
    activities: { new: plan.newActivities.length, unchanged: unchangedActivities },
    extensions: { new: plan.newExtensions.length, unchanged: unchangedExtensions },
  };
  // Problems in the order a reader goes through the file.
  const order: Record<string, number> = { file: 0, enrolments: 1, activities: 2, extensions: 3 };
  problems.sort((a, b) => (order[a.sheet] ?? 9) - (order[b.sheet] ?? 9) || (a.row ?? 0) - (b.row ?? 0));
  return { problems, plan, counts, sample };
}
