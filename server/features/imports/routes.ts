import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ErrorBody } from "../../../schemas/common.ts";
import { ExportQuery, ImportOutcome, ProjectIdParams } from "../../../schemas/imports.ts";
import { typed } from "../../app.ts";
import { requireAccess, serviceContext } from "../../auth/can.ts";
import { AppError, notFound } from "../../errors.ts";
import { findProject } from "../projects/queries.ts";
import { ALLOWED_EXTENSIONS, extensionOf, type UploadedFile } from "./read.ts";
import { exportProject, importFiles } from "./service.ts";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ["imports"];
const MAX_FILES = 10;

/** Largest upload accepted per file, in megabytes (STEGVIS_IMPORT_MAX_MB, default 20). */
export const maxFileMegabytes = () => Number(process.env.STEGVIS_IMPORT_MAX_MB ?? 20);

const bad = (message: string) => new AppError("invalid_input", message, { fields: { file: message } });

/** The uploaded files, each checked for type and size before it is read. */
async function uploads(req: FastifyRequest): Promise<UploadedFile[]> {
  if (!req.isMultipart()) throw bad("Skicka filerna som ett formulär med filer (multipart/form-data).");
  const maxMb = maxFileMegabytes();
  const files: UploadedFile[] = [];
  try {
    for await (const part of req.files({ limits: { fileSize: maxMb * 1024 * 1024, files: MAX_FILES, fields: 5, parts: MAX_FILES + 5 } })) {
      const name = part.filename || "fil";
      if (!ALLOWED_EXTENSIONS.includes(extensionOf(name))) {
        await part.toBuffer().catch(() => undefined);
        throw bad(`”${name}” är inte en fil som kan importeras. Ladda upp en Excel-arbetsbok (.xlsx), CSV-filer (.csv) eller en zip-fil.`);
      }
      files.push({ name, data: await part.toBuffer() });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === "FST_REQ_FILE_TOO_LARGE") throw bad(`Filen är för stor. Varje fil får vara högst ${maxMb} MB; dela upp den eller skicka en zip-fil.`);
    if (code === "FST_FILES_LIMIT") throw bad(`Högst ${MAX_FILES} filer åt gången.`);
    throw bad("Filerna kunde inte tas emot. Försök igen.");
  }
  if (!files.length) throw bad("Välj minst en fil att importera.");
  return files;
}

async function projectOrNotFound(api: FastifyInstance, projectId: string) {
  const p = await findProject(api.deps.handle.db, projectId);
  if (!p) throw notFound("Projektet");
  return p;
}

export async function importRoutes(api: FastifyInstance) {
  await api.register(async (scope) => {
    await scope.register(fastifyMultipart, { throwFileSizeLimit: true });
    const r = typed(scope);
    const { db } = scope.deps.handle;

    r.post(
      "/projects/:projectId/imports/preview",
      {
        schema: {
          tags,
          summary: "Check a spreadsheet (XLSX, CSV files or a zip) and show what an import would create; writes nothing",
          consumes: ["multipart/form-data"],
          params: ProjectIdParams,
          response: { 200: ImportOutcome, ...errors },
        },
      },
      async (req) => {
        requireAccess(req.actor, "project.manage", { projectId: req.params.projectId });
        requireAccess(req.actor, "person.write", { projectId: req.params.projectId });
        const files = await uploads(req);
        return importFiles(db, serviceContext(req), req.params.projectId, files, { apply: false });
      },
    );

    r.post(
      "/projects/:projectId/imports",
      {
        schema: {
          tags,
          summary: "Import a spreadsheet in one transaction: everything, or nothing and every problem (error.current holds the outcome)",
          consumes: ["multipart/form-data"],
          params: ProjectIdParams,
          response: { 201: ImportOutcome, ...errors },
        },
      },
      async (req, reply) => {
        requireAccess(req.actor, "project.manage", { projectId: req.params.projectId });
        requireAccess(req.actor, "person.write", { projectId: req.params.projectId });
        const files = await uploads(req);
        const outcome = await importFiles(db, serviceContext(req), req.params.projectId, files, { apply: true });
        if (!outcome.applied)
          throw new AppError(
            "invalid_input",
            `Inget importerades: ${outcome.problems.length} ${outcome.problems.length === 1 ? "problem behöver" : "problem behöver"} rättas först.`,
            {
              current: outcome,
            },
          );
        return reply.code(201).send(outcome);
      },
    );

    r.get(
      "/projects/:projectId/export",
      {
        schema: {
          tags,
          summary: "All enrolments, activities and extensions of the project in the import format (XLSX or a zip of CSV files); logged per person",
          params: ProjectIdParams,
          querystring: ExportQuery,
          produces: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"],
          response: errors,
        },
      },
      async (req, reply) => {
        requireAccess(req.actor, "person.read", { projectId: req.params.projectId });
        const project = await projectOrNotFound(scope, req.params.projectId);
        const format = req.query.format;
        const data = await exportProject(db, serviceContext(req), req.params.projectId, format);
        const date = new Date().toISOString().slice(0, 10);
        return (
          reply
            .header("content-type", format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/zip")
            .header("content-disposition", `attachment; filename="stegvis-${project.slug}-${date}.${format}"`)
            .header("cache-control", "no-store")
            // A file, not JSON: the buffer goes out as it is.
            .send(data as never)
        );
      },
    );
  });
}
