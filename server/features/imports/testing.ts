import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import type { Session } from "../../test/factories.ts";

/** The shared examples of the format: a valid and a deliberately broken folder of CSV files. */
export const examplesDir = join(import.meta.dirname, "examples");

export type FileSpec = { name: string; data: Buffer | string; type?: string };

export function exampleFiles(which: "valid" | "broken"): FileSpec[] {
  const dir = join(examplesDir, which);
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((name) => ({ name, data: readFileSync(join(dir, name)) }));
}

/** A multipart/form-data body as a browser sends it. */
export function multipart(files: FileSpec[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----stegvis${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type ?? "application/octet-stream"}\r\n\r\n`,
      ),
      Buffer.isBuffer(f.data) ? f.data : Buffer.from(f.data),
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

export function upload(as: Session, projectId: string, files: FileSpec[], { preview = false } = {}): Promise<LightMyRequestResponse> {
  const { payload, headers } = multipart(files);
  return as.request({ method: "POST", url: `/api/projects/${projectId}/imports${preview ? "/preview" : ""}`, payload, headers });
}

/** Rewrite a semicolon CSV with commas (quoting fields that hold a comma). */
export function toCommaCsv(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .split(";")
        .map((v) => (v.includes(",") ? `"${v}"` : v))
        .join(","),
    )
    .join("\n");
}
