import { isDeepStrictEqual } from "node:util";
import fastJsonStringify from "fast-json-stringify";
import { ResponseSerializationError } from "fastify-type-provider-zod";
import { z } from "zod";
import { $ZodType } from "zod/v4/core";

/**
 * Answers are written by a serializer compiled from each route's zod response schema
 * (fast-json-stringify), not by parsing every answer with zod and then calling JSON.stringify.
 * The compiled one writes exactly the fields the schema names — a field a service returns by
 * mistake never leaves the server — and fails when a required field is missing; it costs a fifth
 * of the zod round on the participant page (BENCHMARKS.md).
 *
 * Outside production (development and every test) each answer is also checked with zod as before:
 * an answer that breaks its schema fails the request, and an answer the compiled serializer would
 * write differently from zod is an error naming the route. So the test suite proves, route by
 * route, that the two agree. A schema that cannot be expressed as JSON Schema keeps zod.
 */
export interface SerializerOptions {
  /** Check every answer with zod and compare the two outputs (on outside production). */
  check: boolean;
  /** Told of each route whose schema could not be compiled and stays with zod alone. */
  onUncompiled?: (route: string) => void;
}

type Serialize = (data: unknown) => string;
type JsonSchema = Record<string, unknown>;

function zodSchemaOf(schema: unknown): z.ZodType {
  if (schema instanceof $ZodType) return schema as z.ZodType;
  const properties = (schema as { properties?: unknown } | null)?.properties;
  if (properties instanceof $ZodType) return properties as z.ZodType;
  throw new Error(`a response schema that is not a zod schema: ${JSON.stringify(schema)}`);
}

/** Keywords that only constrain values; the serializer writes values, it does not judge them. */
const constraintsOnly = new Set([
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "$schema",
  "description",
  "title",
  "examples",
]);

const isNull = (s: unknown) => typeof s === "object" && s !== null && (s as JsonSchema).type === "null" && Object.keys(s).length === 1;

/**
 * A union's branch as zod wrote it but for `additionalProperties: false`, so that an answer with
 * a field the branch does not name still finds its branch (as zod finds it, and strips the
 * field); the compiled serializer writes only the named fields either way.
 */
function loosen(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(loosen);
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => !(key === "additionalProperties" && value === false))
      .map(([key, value]) => [key, loosen(value)]),
  );
}

/**
 * The JSON Schema zod writes, made cheaper to run: constraints dropped, `anyOf [X, null]` written
 * as X with type [t, "null"], and a choice between constants of one type written as that type,
 * since fast-json-stringify runs a validator at every answer to choose a branch of an anyOf.
 * The branches of a union that remains keep their constraints: a discriminating `const` or an
 * `enum` is what chooses the branch. `additionalProperties: false` goes everywhere, since the
 * serializer writes only the named fields anyway.
 */
export function simplify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(simplify);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (constraintsOnly.has(key)) continue;
    if ((key === "properties" || key === "definitions" || key === "$defs" || key === "patternProperties") && value && typeof value === "object") {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, simplify(sub)]));
    } else if (key === "anyOf" || key === "oneOf") out[key] = loosen(value);
    else if (key === "additionalProperties" && value === false) continue;
    else out[key] = simplify(value);
  }
  const anyOf = out.anyOf;
  if (Array.isArray(anyOf)) {
    const { anyOf: _branches, ...rest } = out;
    const nulls = anyOf.filter(isNull);
    const others = anyOf.filter((b) => !isNull(b)) as JsonSchema[];
    const only = others[0];
    if (others.length === 1 && nulls.length === 1 && only && typeof only.type === "string" && !("const" in only)) {
      const simple = simplify(only) as JsonSchema;
      if (typeof simple.type === "string") {
        return { ...rest, ...simple, type: [simple.type, "null"], ...(Array.isArray(simple.enum) ? { enum: [...simple.enum, null] } : {}) };
      }
    }
    const types = new Set(others.map((b) => b.type));
    const constants = others.every((b) => "const" in b && ["string", "number", "integer", "boolean"].includes(String(b.type)));
    if (constants && types.size === 1) {
      const type = only?.type as string;
      return { ...rest, type: nulls.length ? [type, "null"] : type };
    }
  }
  return out;
}

/** The paths at which two JSON values differ (at most a few dozen). */
export function differences(a: unknown, b: unknown, path = "$", found: string[] = []): string[] {
  if (found.length > 50 || isDeepStrictEqual(a, b)) return found;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) found.push(`${path} (length)`);
    else for (const [i, x] of a.entries()) differences(x, b[i], `${path}[${i}]`, found);
  } else if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, found);
  } else found.push(path);
  return found;
}

function viaZod(schema: z.ZodType, method: string, url: string): (data: unknown) => unknown {
  return (data) => {
    const result = z.safeEncode(schema, data);
    if (result.error) throw new ResponseSerializationError(method, url, { cause: result.error });
    return result.data;
  };
}

function compile(schema: z.ZodType): Serialize | null {
  try {
    const json = z.toJSONSchema(schema, { io: "output", unrepresentable: "throw", target: "draft-7", cycles: "ref", reused: "inline" });
    return fastJsonStringify(simplify(json) as Parameters<typeof fastJsonStringify>[0]);
  } catch {
    return null;
  }
}

export function createSerializerCompiler({ check, onUncompiled }: SerializerOptions) {
  // One compiled serializer per schema object (the error schemas are shared by every route).
  const compiled = new WeakMap<z.ZodType, Serialize | null>();
  const compiledOnce = (schema: z.ZodType) => {
    if (!compiled.has(schema)) compiled.set(schema, compile(schema));
    return compiled.get(schema) ?? null;
  };
  return ({ schema: maybeSchema, method, url }: { schema: unknown; method: string; url: string }): Serialize => {
    const schema = zodSchemaOf(maybeSchema);
    const encode = viaZod(schema, method, url);
    // Compiled at the route's first answer rather than at start, so starting stays as quick.
    let fast: Serialize | null | undefined;
    const serializerOf = () => {
      if (fast === undefined) {
        fast = compiledOnce(schema);
        if (!fast) onUncompiled?.(`${method} ${url}`);
      }
      return fast;
    };
    return (data) => {
      const write = serializerOf();
      if (!write) return JSON.stringify(encode(data));
      if (!check) return write(data);
      const expected = encode(data);
      const written = write(data);
      const differ = differences(JSON.parse(written), JSON.parse(JSON.stringify(expected)));
      // Only the paths: the values are personal data and must not reach a log.
      if (differ.length) throw new Error(`the compiled serializer of ${method} ${url} wrote otherwise than zod at ${differ.slice(0, 10).join(", ")}`);
      return written;
    };
  };
}
