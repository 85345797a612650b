import { ResponseSerializationError } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createSerializerCompiler, differences, simplify } from "./serializer.ts";

const Person = z.object({
  id: z.uuid(),
  name: z.string(),
  age: z.number().int().min(0),
  city: z.string().nullable(),
  gender: z.enum(["kvinna", "man", "annat"]).nullable(),
  share: z.union([z.literal(25), z.literal(50), z.literal(75), z.literal(100)]),
  plan: z.object({ number: z.number().int(), goals: z.array(z.object({ title: z.string(), due: z.string().nullable() })) }).nullable(),
  details: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("internship"), workplace: z.string().nullable() }),
    z.object({ kind: z.literal("studies"), provider: z.string().nullable(), level: z.enum(["basic", "higher"]).nullable() }),
    z.object({ kind: z.literal("none") }),
  ]),
  counts: z.record(z.string(), z.number()),
  note: z.string().optional(),
});

const person: z.output<typeof Person> = {
  id: "7f0c8a52-3f7e-4a43-9d2c-0b6f0a1f2c3d",
  name: "Testperson Påhittad",
  age: 34,
  city: null,
  gender: "kvinna",
  share: 75,
  plan: { number: 2, goals: [{ title: "Körkort", due: null }] },
  details: { kind: "studies", provider: null, level: "basic" },
  counts: { praktik: 2, studier: 1 },
};

const compile = (schema: z.ZodType, check: boolean, uncompiled: string[] = []) =>
  createSerializerCompiler({ check, onUncompiled: (r) => uncompiled.push(r) })({ schema, method: "GET", url: "/api/x" });

describe("the compiled response serializer", () => {
  for (const check of [true, false]) {
    describe(check ? "checked with zod (development and tests)" : "as in production", () => {
      it("writes what zod writes, for nullable objects and enums, literal choices, a discriminated union and a record", () => {
        const uncompiled: string[] = [];
        const write = compile(Person, check, uncompiled);
        const choices: z.output<typeof Person>["details"][] = [
          { kind: "internship", workplace: "Verkstan" },
          { kind: "studies", provider: "Komvux", level: null },
          { kind: "none" },
        ];
        for (const details of choices) {
          const value = { ...person, plan: null, gender: null, details };
          expect(JSON.parse(write(value))).toEqual(JSON.parse(JSON.stringify(z.encode(Person, value))));
        }
        expect(JSON.parse(write(person))).toEqual(z.encode(Person, person));
        expect(uncompiled).toEqual([]);
      });

      it("leaves out every field the schema does not name, at any depth", () => {
        const write = compile(Person, check);
        const leaky = { ...person, personnummer: "19800101-1234", plan: { ...person.plan, secret: 1 }, details: { ...person.details, extra: "x" } };
        const written = JSON.parse(write(leaky));
        expect(written).not.toHaveProperty("personnummer");
        expect(written.plan).not.toHaveProperty("secret");
        expect(written.details).not.toHaveProperty("extra");
        expect(written).toEqual(JSON.parse(JSON.stringify(z.encode(Person, person))));
      });

      it("fails when a required field is missing, rather than writing half an answer", () => {
        const write = compile(Person, check);
        const { name: _name, ...nameless } = person;
        expect(() => write(nameless)).toThrow();
      });
    });
  }

  it("checks every answer with zod outside production: a wrong type fails the request", () => {
    expect(() => compile(Person, true)({ ...person, age: "34" })).toThrow(ResponseSerializationError);
    // In production the compiled serializer alone writes it, as the schema's type.
    expect(JSON.parse(compile(Person, false)({ ...person, age: 34.0 })).age).toBe(34);
  });

  it("keeps zod for a schema JSON Schema cannot express, and says so", () => {
    const uncompiled: string[] = [];
    const write = compile(z.object({ at: z.date() }), true, uncompiled);
    expect(uncompiled).toEqual([]);
    expect(JSON.parse(write({ at: new Date("2026-01-02T03:04:05Z") }))).toEqual({ at: "2026-01-02T03:04:05.000Z" });
    expect(uncompiled).toEqual(["GET /api/x"]);
  });

  it("handles recursive schemas", () => {
    interface Node {
      name: string;
      children: Node[];
    }
    const Tree: z.ZodType<Node> = z.object({
      name: z.string(),
      get children() {
        return z.array(Tree);
      },
    });
    const tree = { name: "a", children: [{ name: "b", children: [{ name: "c", children: [], hidden: true }] }] };
    expect(JSON.parse(compile(Tree, true)(tree))).toEqual({ name: "a", children: [{ name: "b", children: [{ name: "c", children: [] }] }] });
  });

  it("simplifies nullable scalars and literal choices so no validator runs per answer, but leaves union branches alone", () => {
    const json = simplify(z.toJSONSchema(Person, { io: "output", target: "draft-7" })) as { properties: Record<string, Record<string, unknown>> };
    expect(json.properties.gender).toEqual({ type: ["string", "null"], enum: ["kvinna", "man", "annat", null] });
    expect(json.properties.share).toEqual({ type: "number" });
    expect(json.properties.id).toEqual({ type: "string", format: "uuid" });
    expect(json.properties.plan?.type).toEqual(["object", "null"]);
    expect(JSON.stringify(json.properties.details)).toContain('"const":"studies"');
  });

  it("names the paths where two answers differ, not the values", () => {
    expect(differences({ a: 1, b: [1, 2], c: { d: "x" } }, { a: 1, b: [1, 3], c: { d: "y", e: 1 } })).toEqual(["$.b[1]", "$.c.d", "$.c.e"]);
    expect(differences([1], [1, 2])).toEqual(["$ (length)"]);
    expect(differences({ a: null }, { a: null })).toEqual([]);
  });
});
