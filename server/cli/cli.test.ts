import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliDatabase, cliDatabase } from "../test/cli.ts";

let cli: CliDatabase;
beforeAll(async () => {
  cli = await cliDatabase("cli");
});
afterAll(async () => {
  await cli?.cleanup();
});
const stegvis = (args: string[], extra: NodeJS.ProcessEnv = {}) => cli.stegvis(args, extra);

describe("the stegvis command", () => {
  it("prints help with every command", async () => {
    const r = await stegvis(["--help"]);
    expect(r.code).toBe(0);
    for (const c of ["start", "migrate", "seed-demo", "create-user"]) expect(r.stdout).toContain(c);
  });

  it("migrates, seeds the demo once, and creates a user with a project role", async () => {
    expect((await stegvis(["migrate"])).code).toBe(0);
    const seed = await stegvis(["seed-demo"]);
    expect(seed.code).toBe(0);
    expect(seed.stdout).toContain("coach@stegvis.demo");
    expect((await stegvis(["seed-demo"])).stdout).toContain("fanns redan");

    const weak = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person"], { STEGVIS_NEW_PASSWORD: "kort" });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("STEGVIS_NEW_PASSWORD: Lösenordet måste ha minst 12 tecken");
    const noProject = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person", "--project", "finns-ej", "--role", "coach"], {
      STEGVIS_NEW_PASSWORD: "Höstlöv-på-bron-314",
    });
    expect(noProject.stderr).toContain("--project");
    const ok = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person", "--project", "steget", "--role", "coach"], {
      STEGVIS_NEW_PASSWORD: "Höstlöv-på-bron-314",
    });
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("ny@kommun.se");
    const again = await stegvis(["create-user", "--email", "ny@kommun.se", "--name", "Ny Person"], { STEGVIS_NEW_PASSWORD: "Höstlöv-på-bron-314" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("används redan");
  }, 120_000);

  it("refuses the demo seed in production", async () => {
    const r = await stegvis(["seed-demo"], { NODE_ENV: "production" });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("produktion");
  });

  it("names an unknown command", async () => {
    const r = await stegvis(["gör-något"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Okänt kommando");
  });
});
