import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CreateUserInput } from "../../schemas/admin.ts";
import { Role } from "../../schemas/auth.ts";
import { AnnualReportQuery } from "../../schemas/reports.ts";
import { systemActor } from "../auth/actor.ts";
import { writeAudit } from "../auth/audit.ts";
import { loadConfig } from "../config.ts";
import { openDatabase } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { AppError } from "../errors.ts";
import { findProjectBySlug } from "../features/projects/queries.ts";
import { annualReport } from "../features/reports/annual.ts";
import { annualReportFile } from "../features/reports/annual-output.ts";
import { getReportSettings } from "../features/reports/settings.ts";
import { createUser, setMembership } from "../features/users/service.ts";
import { startServer } from "../main.ts";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from "../seed/demo.ts";

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

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
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
