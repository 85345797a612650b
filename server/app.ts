import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from "fastify";
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ErrorBody } from "../schemas/common.ts";
import type { Actor } from "./auth/actor.ts";
import { type AuditEvent, AuditQueue, writeAudit } from "./auth/audit.ts";
import { authRoutes } from "./auth/routes.ts";
import { actorFromToken, SESSION_COOKIE } from "./auth/sessions.ts";
import type { Config } from "./config.ts";
import type { DbHandle } from "./db/client.ts";
import { AppError } from "./errors.ts";
import { placementRoutes } from "./features/activities/placement-routes.ts";
import { activityRoutes } from "./features/activities/routes.ts";
import { adminRoutes } from "./features/admin/routes.ts";
import { auditRoutes } from "./features/audit/routes.ts";
import { employerRoutes } from "./features/employers/routes.ts";
import { groupRoutes } from "./features/groups/routes.ts";
import { healthRoutes } from "./features/health/routes.ts";
import { importRoutes } from "./features/imports/routes.ts";
import { meetingsNotesCalendarRoutes } from "./features/meetings/plugin.ts";
import { participantRoutes } from "./features/participants/routes.ts";
import { enrolmentRoutes } from "./features/participants/routes-enrolments.ts";
import { mappingPlanRoutes } from "./features/plan/routes.ts";
import { projectRoutes } from "./features/projects/routes.ts";
import { ratingRoutes } from "./features/ratings/routes.ts";
import { reportRoutes } from "./features/reports/routes.ts";
import { englishValidationFields, localeOf, localiseErrorBody } from "./messages.ts";
import { projectRoot } from "./paths.ts";
import { securityHeaders } from "./security-headers.ts";
import { createSerializerCompiler } from "./serializer.ts";

// Validation messages in plain Swedish unless a schema gives its own.
z.config(z.locales.sv());

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** Append to the audit log as the current actor from the current address. */
    audit(event: AuditEvent): Promise<void>;
  }
  interface FastifyInstance {
    deps: AppDeps;
  }
}

export interface AppDeps {
  handle: DbHandle;
  /** Where report counts are read, when a read replica is configured (REPORTS_DATABASE_URL). */
  reports?: DbHandle;
  config: Config;
}

export type App = FastifyInstance;
export type TypedApp = ReturnType<FastifyInstance["withTypeProvider"]> & FastifyInstance;

const webDist = join(projectRoot, "web", "dist");
const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);
// Login has no session yet; its JSON-only body cannot be sent by a plain cross-site form.
const csrfExempt = new Set(["/api/auth/login"]);
// The calendar feed answers to its secret token instead of a session.
const publicRoutes = new Set(["/api/health", "/api/auth/login", "/api/auth/logout", "/api/openapi.json", "/api/ics/:token"]);

/**
 * Outside production the CSP also allows the exact axe-core script (by its hash), so that
 * accessibility checks can inject it into any page; nothing else inline may run.
 */
function accessibilityToolHashes(production: boolean): string[] {
  if (production) return [];
  try {
    const source = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"));
    return [`'sha256-${createHash("sha256").update(source).digest("base64")}'`];
  } catch {
    return [];
  }
}

/** One log line per request, when it is answered (method, route, status, time), instead of two. */
class OneLinePerRequest extends LogController {
  override incomingRequest() {}
  override requestCompleted(error: Error | null | undefined, req: FastifyRequest, reply: FastifyReply) {
    const line = { req, res: reply, responseTime: Math.round(reply.elapsedTime) };
    if (error) reply.log.error({ ...line, err: error }, "request errored");
    else reply.log.info(line, "request completed");
  }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, handle } = deps;
  const db = handle.db;
  const app = Fastify({
    trustProxy: config.trustProxy,
    logger: {
      level: config.logLevel,
      // Request logs carry method, route and status only: no bodies, cookies or query strings,
      // because those may hold personal data.
      serializers: {
        req: (req) => ({ method: req.method, route: req.routeOptions?.url ?? "unknown" }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    bodyLimit: 2 * 1024 * 1024,
    logController: new OneLinePerRequest(),
  });
  app.decorate("deps", deps);
  app.setValidatorCompiler(validatorCompiler);
  // Answers are written by serializers compiled from the response schemas; outside production
  // each is also checked with zod and compared (serializer.ts).
  app.setSerializerCompiler(
    createSerializerCompiler({
      check: !config.production,
      onUncompiled: (route) => app.log.info({ route }, "response schema kept with zod (not expressible as JSON Schema)"),
    }),
  );

  await app.register(fastifyCookie);
  // The security headers are worked out once and copied onto every reply (security-headers.ts).
  const headers = securityHeaders({ production: config.production, extraScriptSources: accessibilityToolHashes(config.production) });
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Stegvis API", description: "Stegvis — deltagaruppföljning och rapportering.", version: "0.1.0" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", staticCSP: true });

  app.decorateRequest("actor", null);
  // The entries of concurrent requests are committed together (auth/audit.ts).
  const auditQueue = new AuditQueue(db);
  app.decorateRequest("audit", function (this: FastifyRequest, event: AuditEvent) {
    return auditQueue.write({ actor: this.actor, clientAddress: this.ip }, event);
  });

  app.addHook("onRequest", async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await actorFromToken(db, config, token);
    if (unsafeMethods.has(req.method) && req.actor?.kind === "user" && !csrfExempt.has(req.url.split("?")[0] ?? "")) {
      const sent = req.headers["x-csrf-token"];
      if (sent !== req.actor.csrfToken) {
        throw new AppError("forbidden", "Begäran saknar giltig CSRF-token. Ladda om sidan och försök igen.");
      }
    }
  });

  // Without a session only the public routes answer; the rest say 401 before even looking at
  // the input, so nobody learns more about an endpoint than that it needs a login.
  app.addHook("preValidation", async (req) => {
    const route = req.routeOptions.url ?? "";
    if (route.startsWith("/api/") && !route.startsWith("/api/docs") && !publicRoutes.has(route) && !req.actor) {
      throw new AppError("unauthenticated", "Du behöver logga in.");
    }
  });

  // Messages are written in Swedish; a user who chose English gets them translated (messages.ts).
  app.setErrorHandler(async (err, req, reply) => {
    const locale = localeOf(req);
    const answer = (status: number, body: ErrorBody) => reply.code(status).send(localiseErrorBody(body, locale));
    if (hasZodFastifySchemaValidationErrors(err)) {
      let fields: Record<string, string> = {};
      for (const issue of err.validation) {
        const path = issue.instancePath.replace(/^\//, "").replaceAll("/", ".") || (err.validationContext ?? "body");
        fields[path] ??= issue.message ?? "Ogiltigt värde";
      }
      if (locale === "en") fields = englishValidationFields(req, err.validationContext) ?? fields;
      return answer(400, { error: { code: "invalid_input", message: "Några uppgifter behöver rättas.", fields } });
    }
    if (err instanceof AppError) {
      if (err.code === "forbidden") {
        await writeAudit(
          db,
          { actor: req.actor, clientAddress: req.ip, actorLabel: "anonymous" },
          {
            action: "access.denied",
            outcome: "denied",
            details: { method: req.method, route: req.routeOptions?.url ?? null },
          },
        ).catch((e) => req.log.error({ err: e }, "could not write denial to the audit log"));
      }
      if (err.extra.retryAfterSeconds) reply.header("retry-after", String(err.extra.retryAfterSeconds));
      return answer(err.status, { error: { code: err.code, message: err.message, fields: err.extra.fields, current: err.extra.current } });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 429) {
      return answer(429, { error: { code: "too_many_requests", message: "För många försök på kort tid. Vänta en stund och försök igen." } });
    }
    if (status && status >= 400 && status < 500) {
      const code = status === 404 ? "not_found" : status === 413 ? "invalid_input" : "invalid_input";
      const message =
        status === 413
          ? "Det du skickade är för stort."
          : status === 415
            ? "Skicka uppgifterna som JSON."
            : "Begäran kunde inte tolkas. Kontrollera uppgifterna och försök igen.";
      return answer(status, { error: { code, message } });
    }
    req.log.error({ err }, "unhandled error");
    return answer(500, { error: { code: "internal", message: "Något gick fel hos oss. Försök igen om en stund." } });
  });

  await app.register(
    async (api) => {
      await healthRoutes(api);
      await authRoutes(api);
      await projectRoutes(api);
      await adminRoutes(api);
      await auditRoutes(api);
      await participantRoutes(api);
      await enrolmentRoutes(api);
      await activityRoutes(api);
      await placementRoutes(api);
      await mappingPlanRoutes(api);
      await employerRoutes(api);
      await groupRoutes(api);
      await meetingsNotesCalendarRoutes(api);
      await reportRoutes(api);
      await ratingRoutes(api);
      await importRoutes(api);
      api.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: "/api" },
  );

  if (existsSync(join(webDist, "index.html"))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
    // Hashed assets are safe to cache for long; index.html must always be fresh.
    app.get("/assets/*", (req, reply) => {
      const file = (req.params as { "*": string })["*"];
      return reply.header("cache-control", "public, max-age=31536000, immutable").sendFile(join("assets", file));
    });
  }

  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/") || req.method !== "GET" || !existsSync(join(webDist, "index.html"))) {
      const body: ErrorBody = { error: { code: "not_found", message: "Adressen finns inte." } };
      return reply.code(404).send(localiseErrorBody(body, localeOf(req)));
    }
    return reply.header("cache-control", "no-cache").type("text/html").sendFile("index.html");
  });

  return app;
}

export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
