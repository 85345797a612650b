import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword, weakPasswordReason } from "./passwords.ts";

describe("passwords", () => {
  it("hashes with argon2id and verifies", async () => {
    const h = await hashPassword("Ett-långt-lösen-för-test");
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, "Ett-långt-lösen-för-test")).toBe(true);
    expect(await verifyPassword(h, "ett-långt-lösen-för-test")).toBe(false);
    expect(await verifyPassword("not-a-hash", "x")).toBe(false);
  });

  it.each([
    ["kort", /minst 12/],
    ["password2024!", /vanligaste/],
    ["Sommar2025!!!", /vanligaste/],
    ["1234567890123", /bara av siffror/],
    ["abcdefghijklm", /följd/],
    ["zzzzzzzzzzzzzzz", /för få olika/],
  ])("refuses %s", (pw, reason) => {
    expect(weakPasswordReason(pw)).toMatch(reason);
  });

  it("refuses a password built on the user's own e-mail or name", () => {
    expect(weakPasswordReason("karin.holm-2026!", { email: "karin.holm@kommun.se" })).toMatch(/e-postadress/);
    expect(weakPasswordReason("Lindqvist-2026-xyz", { name: "Sven Lindqvist" })).toMatch(/namn/);
  });

  it("accepts a long phrase", () => {
    expect(weakPasswordReason("Blåbärsskog-vid-älven-42")).toBeNull();
    expect(weakPasswordReason("korrekt häst batteri häftklammer")).toBeNull();
  });
});
