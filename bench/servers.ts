// Servers under test run in their own processes, so the load tool does not share their event
// loop and their memory can be read from /proc. Each is stopped by its own pid.
import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchDir, freePort, rootDir, sleep } from "./common.ts";

export interface RunningServer {
  pid: number;
  url: string;
  /** Milliseconds from spawn until /api/health answered 200. */
  readyMs: number;
  memory(): { rssMb: number; peakRssMb: number };
  stop(): Promise<void>;
}

/** The environment of a server: the bench's own, less anything that would point it elsewhere. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k === "DATABASE_URL" || k === "REPORTS_DATABASE_URL" || k === "NODE_ENV" || k.startsWith("STEGVIS_")) delete env[k];
  return { ...env, ...extra };
}

/**
 * Start `stegvis start` (the real app, as installed) or the bare ceiling server, and wait until
 * its health route answers. `env` holds DATABASE_URL or STEGVIS_DATA_DIR and the like.
 */
export async function startServer(kind: "app" | "ceiling", env: Record<string, string>, { timeoutMs = 60_000 } = {}): Promise<RunningServer> {
  const port = await freePort();
  const args = kind === "app" ? [join(rootDir, "bin", "stegvis.mjs"), "start"] : ["--import", "tsx", join(benchDir, "ceiling.ts")];
  const logFile = join(tmpdir(), `stegvis-bench-${kind}-${process.pid}-${port}.log`);
  const fd = openSync(logFile, "w");
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: rootDir,
    env: cleanEnv({ ...env, PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const pid = child.pid;
  if (!pid) throw new Error(`could not start the ${kind} server`);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const tail = () => readFileSync(logFile, "utf8").slice(-3000);

  for (;;) {
    if (exitCode !== undefined) throw new Error(`the ${kind} server exited (${exitCode}) before answering:\n${tail()}`);
    if (performance.now() - t0 > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`the ${kind} server did not answer within ${timeoutMs} ms:\n${tail()}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  const readyMs = performance.now() - t0;

  return {
    pid,
    url,
    readyMs,
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, "m"))?.[1] ?? Number.NaN);
      return { rssMb: kb("VmRSS") / 1024, peakRssMb: kb("VmHWM") / 1024 };
    },
    async stop() {
      if (exitCode === undefined) {
        process.kill(pid, "SIGTERM");
        const timer = setTimeout(() => exitCode === undefined && process.kill(pid, "SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(logFile, { force: true });
    },
  };
}

/** Sign in through the API; returns what a browser would send back. */
export async function signIn(url: string, email: string, password: string): Promise<{ cookie: string; csrf: string }> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`login of ${email} answered ${res.status}: ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith("stegvis_session="));
  if (!session) throw new Error("login set no session cookie");
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: session.split(";")[0] as string, csrf: body.csrfToken };
}

/** CPU seconds (user + system) a process has used so far, from /proc; 0 when it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1] ?? "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
