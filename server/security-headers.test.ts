import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers.ts";
import { makeTestApp, type TestApp } from "./test/app.ts";

describe("security headers", () => {
  it("are helmet's, with our policy: own scripts only, no framing, forms to ourselves", () => {
    const h = securityHeaders({ production: false });
    const csp = h["content-security-policy"] ?? "";
    for (const d of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "form-action 'self'", "object-src 'none'", "img-src 'self' data:"]) {
      expect(csp).toContain(d);
    }
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("no-referrer");
    expect(h["x-frame-options"]).toBe("SAMEORIGIN");
    expect(h["cross-origin-opener-policy"]).toBe("same-origin");
    expect(h).not.toHaveProperty("strict-transport-security");
  });

  it("add HSTS and upgrade-insecure-requests in production, and extra script sources when given", () => {
    const h = securityHeaders({ production: true, extraScriptSources: ["'sha256-abc'"] });
    expect(h["strict-transport-security"]).toMatch(/^max-age=\d+/);
    expect(h["content-security-policy"]).toContain("upgrade-insecure-requests");
    expect(h["content-security-policy"]).toContain("script-src 'self' 'sha256-abc'");
  });

  describe("on every answer of the app", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await makeTestApp({ production: true });
    });
    afterAll(() => t.close());

    it("are sent on API answers, errors and unknown paths alike", async () => {
      const expected = securityHeaders({ production: true });
      for (const url of ["/api/health", "/api/projects", "/api/finns-inte"]) {
        const res = await t.app.inject({ url });
        for (const [name, value] of Object.entries(expected)) expect(res.headers[name], `${name} on ${url}`).toBe(value);
      }
    });
  });
});
