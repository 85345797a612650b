import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { parseArgs } from "node:util";
import { CreateUserInput } from "../../schemas/admin.ts";
import { Role } from "../../schemas/auth.ts";
import { CreateProjectInput } from "../../schemas/projects.ts";
import { AnnualReportQuery } from "../../schemas/reports.ts";
import { systemActor } from "../auth/actor.ts";
import { loadConfig } from "../config.ts";
import type { DbHandle } from "../db/client.ts";
import { AppError } from "../errors.ts";

// Each command loads what it needs when it runs, so `--help` and a bad command line answer at
// once and `import` does not load the web server's routes.
const database = () => import("../db/client.ts");
const migrations = () => import("../db/migrate.ts");
const projects = async () => ({ ...(await import("../features/projects/queries.ts")), ...(await import("../features/projects/service.ts")) });

const help = `stegvis — deltagaruppföljning för arbetsmarknadsinsatser

Användning: stegvis <kommando> [flaggor]

Kommandon:
  start                 Startar servern (migrerar databasen först; skapar demodata vid första start utanför produktion)
  migrate               Kör databasmigreringar och avslutar
  seed-demo             Skapar den fiktiva demoorganisationen (vägras när NODE_ENV=production)
  report annual         Årsrapportens statistiktabeller:
                          --project <kortform> --from <ÅÅÅÅ-MM-DD> --to <ÅÅÅÅ-MM-DD>
                          [--format json|csv|xlsx|pdf|docx] [--intake <namn>] [--out <fil>] [--publish]
                          JSON och CSV skrivs till standard ut när --out saknas (xlsx, pdf och docx kräver --out);
                          pdf och docx är hela årsrapporten med texterna; --publish döljer små tal
                          (1 till projektets gräns, normalt 4).
  import                Importerar ett kalkylark (format: docs/ARCHITECTURE.md, "Spreadsheet import and export"):
                          <kortform> <fil.xlsx | fil.zip | mapp med CSV | fil.csv …> [--dry-run]
                          [--create-project "<namn>"] skapar projektet om det saknas
                          (eller --project <kortform>). Allt eller inget; varje problem skrivs ut.
  export                Exporterar projektet i samma format:
                          <kortform> <fil.xlsx | fil.zip | mapp> (eller --project <kortform> --out <…>)
  create-user           Skapar en användare:
                          --email <adress> --name "<namn>" [--admin]
                          [--project <kortform> --role manager|coach|statistician|participant [--sensitive]]
                          Lösenordet läses från miljövariabeln STEGVIS_NEW_PASSWORD (minst 12 tecken).
  --help                Visar den här hjälpen

Konfiguration (miljövariabler):
  DATABASE_URL          PostgreSQL, t.ex. postgres://user@host:5432/stegvis (annars inbyggd PGlite)
  STEGVIS_DATA_DIR      Mapp för den inbyggda databasen (standard ./data)
  PORT                  Port för servern (standard 3000)
  NODE_ENV=production   Säkra cookies, ingen demodata
`;

/** The unit new projects go to: the installation's first, with a default organisation when there is none. */
async function defaultUnit(db: DbHandle["db"]): Promise<string> {
  const unit = await db.selectFrom("units").select("id").orderBy("created_at").executeTakeFirst();
  if (unit) return unit.id;
  const org =
    (await db.selectFrom("organisations").select("id").orderBy("created_at").executeTakeFirst()) ??
    (await db.insertInto("organisations").values({ name: "Organisationen" }).returning("id").executeTakeFirstOrThrow());
  return (await db.insertInto("units").values({ organisation_id: org.id, name: "Arbetsmarknadsenheten" }).returning("id").executeTakeFirstOrThrow()).id;
}

async function withDb<T>(fn: (db: DbHandle) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { openDatabase } = await database();
  const { migrate } = await migrations();
  const handle = await openDatabase(config);
  try {
    await migrate(handle);
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(help);
    return 0;
  }
  switch (command) {
    case "start": {
      const config = loadConfig();
      const { startServer } = await import("../main.ts");
      const server = await startServer(config);
      const shutdown = async () => {
        await server.stop();
        process.exit(0);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
      return null;
    }
    case "migrate": {
      const config = loadConfig();
      const { openDatabase } = await database();
      const { migrate } = await migrations();
      const handle = await openDatabase(config);
      try {
        const applied = await migrate(handle);
        console.log(applied.length ? `Körde ${applied.length} migreringar: ${applied.join(", ")}` : "Databasen är redan uppdaterad.");
      } finally {
        await handle.close();
      }
      return 0;
    }
    case "seed-demo": {
      if (loadConfig().production) {
        console.error("Demodata skapas inte i produktion (NODE_ENV=production).");
        return 1;
      }
      const { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } = await import("../seed/demo.ts");
      const res = await withDb((h) => seedDemo(h.db));
      console.log(res.created ? "Demoorganisationen är skapad." : "Demoorganisationen fanns redan.");
      console.log(`Demoinloggningar (lösenord: ${DEMO_PASSWORD}):`);
      for (const l of DEMO_LOGINS) console.log(`  ${l.email.padEnd(26)} ${l.description}`);
      return 0;
    }
    case "report": {
      const [kind, ...flags] = rest;
      if (kind !== "annual") {
        console.error('Ange vilken rapport, t.ex. "stegvis report annual --project steget --from 2026-01-01 --to 2026-12-31".');
        return 1;
      }
      const { values } = parseArgs({
        args: flags,
        options: {
          project: { type: "string" },
          from: { type: "string" },
          to: { type: "string" },
          format: { type: "string", default: "json" },
          intake: { type: "string" },
          out: { type: "string" },
          publish: { type: "boolean", default: false },
        },
      });
      const query = AnnualReportQuery.safeParse({ from: values.from, to: values.to, format: values.format });
      if (!values.project) console.error("--project: ange projektets kortform");
      if (!query.success) for (const i of query.error.issues) console.error(`--${i.path.join(".")}: ${i.message}`);
      if (query.success && ["xlsx", "pdf", "docx"].includes(query.data.format) && !values.out)
        console.error("--out: ange en fil för formaten xlsx, pdf och docx");
      if (!values.project || !query.success || (["xlsx", "pdf", "docx"].includes(query.data.format) && !values.out)) return 1;
      const { findProjectBySlug } = await projects();
      const { annualReport } = await import("../features/reports/annual.ts");
      const { annualReportFile } = await import("../features/reports/annual-output.ts");
      const { getReportSettings } = await import("../features/reports/settings.ts");
      const { writeAudit } = await import("../auth/audit.ts");
      return withDb(async (h) => {
        const project = await findProjectBySlug(h.db, values.project as string);
        if (!project) {
          console.error(`--project: det finns inget projekt med kortformen "${values.project}"`);
          return 1;
        }
        let intakeId: string | undefined;
        if (values.intake) {
          const intake = await h.db
            .selectFrom("intakes")
            .select("id")
            .where("project_id", "=", project.id)
            .where("name", "=", values.intake)
            .executeTakeFirst();
          if (!intake) {
            console.error(`--intake: projektet har inget intag som heter "${values.intake}"`);
            return 1;
          }
          intakeId = intake.id;
        }
        const report = await annualReport(h.db, {
          projectId: project.id,
          from: query.data.from,
          to: query.data.to,
          intakeId,
          suppress: values.publish ?? false,
          threshold: (await getReportSettings(h.db, project.id)).threshold,
        });
        await writeAudit(
          h.db,
          { actor: systemActor("cli") },
          {
            action: "report.annual",
            projectId: project.id,
            details: { from: query.data.from, to: query.data.to, format: query.data.format, publish: values.publish },
          },
        );
        const format = query.data.format;
        const text = format === "json" ? `${JSON.stringify(report, null, 2)}\n` : await annualReportFile(h.db, project.id, report, format);
        if (values.out) {
          writeFileSync(values.out, text);
          console.error(`Rapporten är sparad i ${values.out}.`);
        } else {
          process.stdout.write(text);
        }
        return 0;
      });
    }
    case "import": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { project: { type: "string" }, "dry-run": { type: "boolean", default: false }, "create-project": { type: "string" } },
      });
      const slug = values.project ?? positionals.shift();
      if (!slug || positionals.length === 0) {
        console.error('Ange projekt och fil, t.ex. "stegvis import steget deltagare.xlsx" eller en mapp med CSV-filer.');
        return 1;
      }
      const files: { name: string; data: Buffer }[] = [];
      for (const path of positionals) {
        const st = statSync(path, { throwIfNoEntry: false });
        if (!st) {
          console.error(`${path}: filen eller mappen finns inte`);
          return 1;
        }
        if (st.isDirectory()) {
          for (const f of readdirSync(path)
            .filter((n) => extname(n).toLowerCase() === ".csv")
            .sort())
            files.push({ name: f, data: readFileSync(join(path, f)) });
        } else files.push({ name: basename(path), data: readFileSync(path) });
      }
      const { findProjectBySlug, createProject } = await projects();
      const { importFiles } = await import("../features/imports/service.ts");
      return withDb(async (h) => {
        let project = await findProjectBySlug(h.db, slug);
        const newName = values["create-project"];
        if (!project && newName && !values["dry-run"]) {
          const input = CreateProjectInput.safeParse({ unitId: await defaultUnit(h.db), slug, name: newName });
          if (!input.success) {
            for (const i of input.error.issues) console.error(`--${i.path.join(".") === "slug" ? "project" : "create-project"}: ${i.message}`);
            return 1;
          }
          await createProject(h.db, { actor: systemActor("cli") }, input.data);
          project = await findProjectBySlug(h.db, slug);
          console.error(`Projektet ${slug} (”${newName}”) är skapat.`);
        }
        if (!project) {
          console.error(`--project: det finns inget projekt med kortformen "${slug}"${newName ? "" : ' (--create-project "<namn>" skapar det)'}`);
          return 1;
        }
        const apply = !values["dry-run"];
        const out = await importFiles(h.db, { actor: systemActor("cli") }, project.id, files, { apply });
        for (const p of out.problems) {
          const where = [p.source ?? p.sheet, p.row != null ? `rad ${p.row}` : null, p.column ? `kolumn ${p.column}` : null].filter(Boolean).join(", ");
          console.error(`${where}${p.value != null ? ` (”${p.value}”)` : ""}: ${p.message}`);
        }
        const c = out.counts;
        const summary = `inskrivningar ${c.enrolments.new} nya / ${c.enrolments.unchanged} fanns redan, personer ${c.persons.new} nya / ${c.persons.linked} kopplade, aktiviteter ${c.activities.new} nya / ${c.activities.unchanged} fanns redan, förlängningar ${c.extensions.new} nya / ${c.extensions.unchanged} fanns redan, nya intag ${c.intakes.new}`;
        if (!out.ok) {
          console.error(`Inget importerades: ${out.problems.length} problem behöver rättas.`);
          return 1;
        }
        console.log(`${out.applied ? "Importerat" : "Granskat (inget sparat, --dry-run)"} på ${(out.milliseconds / 1000).toFixed(1)} s: ${summary}.`);
        return 0;
      });
    }
    case "export": {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { project: { type: "string" }, out: { type: "string" } },
      });
      const slug = values.project ?? positionals.shift();
      const target = values.out ?? positionals.shift();
      if (!slug || !target) {
        console.error('Ange projekt och fil, t.ex. "stegvis export steget steget.xlsx" (eller .zip, eller en mapp).');
        return 1;
      }
      const { findProjectBySlug } = await projects();
      const { exportProject, exportProjectTables } = await import("../features/imports/service.ts");
      const { toCsv } = await import("../features/imports/export.ts");
      return withDb(async (h) => {
        const project = await findProjectBySlug(h.db, slug);
        if (!project) {
          console.error(`--project: det finns inget projekt med kortformen "${slug}"`);
          return 1;
        }
        const ctx = { actor: systemActor("cli") };
        const ext = extname(target).toLowerCase();
        if (ext === ".xlsx" || ext === ".zip") {
          writeFileSync(target, await exportProject(h.db, ctx, project.id, ext === ".xlsx" ? "xlsx" : "zip"));
        } else {
          mkdirSync(target, { recursive: true });
          for (const [sheet, table] of Object.entries(await exportProjectTables(h.db, ctx, project.id)))
            writeFileSync(join(target, `${sheet}.csv`), toCsv(table));
        }
        console.error(`Projektet ${project.slug} är exporterat till ${target}.`);
        return 0;
      });
    }
    case "create-user": {
      const { values } = parseArgs({
        args: rest,
        options: {
          email: { type: "string" },
          name: { type: "string" },
          admin: { type: "boolean", default: false },
          project: { type: "string" },
          role: { type: "string" },
          sensitive: { type: "boolean", default: false },
        },
      });
      const parsed = CreateUserInput.safeParse({
        email: values.email,
        name: values.name,
        password: process.env.STEGVIS_NEW_PASSWORD ?? "",
        isAdmin: values.admin,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const field = i.path.join(".") === "password" ? "STEGVIS_NEW_PASSWORD" : `--${i.path.join(".")}`;
          console.error(`${field}: ${i.message}`);
        }
        return 1;
      }
      const role = values.project ? Role.safeParse(values.role) : null;
      if (role && !role.success) {
        console.error("--role: ange manager, coach, statistician eller participant");
        return 1;
      }
      const { findProjectBySlug } = await projects();
      const { createUser, setMembership } = await import("../features/users/service.ts");
      return withDb(async (h) => {
        const ctx = { actor: systemActor("cli") };
        let projectId: string | undefined;
        if (values.project) {
          const p = await findProjectBySlug(h.db, values.project);
          if (!p) {
            console.error(`--project: det finns inget projekt med kortformen "${values.project}"`);
            return 1;
          }
          projectId = p.id;
        }
        const user = await createUser(h.db, ctx, parsed.data);
        if (projectId && role?.success) await setMembership(h.db, ctx, user.id, { projectId, role: role.data, sensitiveAccess: values.sensitive });
        console.log(`Användaren ${user.email} är skapad${user.isAdmin ? " (administratör)" : ""}.`);
        return 0;
      });
    }
    default:
      console.error(`Okänt kommando: ${command}\n`);
      console.log(help);
      return 1;
  }
}

try {
  const code = await main(process.argv.slice(2));
  if (code !== null) process.exit(code);
} catch (err) {
  if (err instanceof AppError) {
    console.error(err.message);
    for (const [f, m] of Object.entries(err.extra.fields ?? {})) console.error(`  ${f}: ${m}`);
  } else {
    console.error(err instanceof Error ? err.message : err);
  }
  process.exit(1);
}
