import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { ErrorBody, Health } from "../../../schemas/common.ts";
import { typed } from "../../app.ts";

export async function healthRoutes(api: FastifyInstance) {
  typed(api).get(
    "/health",
    { schema: { tags: ["system"], summary: "Answers ok when the server and its database answer", response: { 200: Health, 503: ErrorBody } } },
    async (_req, reply) => {
      try {
        await sql`SELECT 1`.execute(api.deps.handle.db);
        return { status: "ok" as const };
      } catch {
        return reply.code(503).send({ error: { code: "internal", message: "Databasen svarar inte." } });
      }
    },
  );
}
