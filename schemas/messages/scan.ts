/**
 * Finds the user-facing Swedish messages written in the sources, so that a test can check that
 * each has an English translation. Runs in Node only (the catalogue test); the web never loads it.
 *
 * A message is found by where it stands, not by how it reads:
 * - in schemas: the value of an `error:` or `message:` property (also inside an error function
 *   or a condition), a later string argument of a method chain (zod's `.min(1, "…")`), and the
 *   argument of a local helper whose parameter is called `message`;
 * - in the server: the arguments `message`, `fields` and `what` of `new AppError`, `notFound`,
 *   `forbidden`, `conflict`, `unauthenticated`, `invalidInput` and of any local helper with such
 *   parameters (`bad`, `fail` …), their default values, the values of a `fields: {…}` object,
 *   assignments to `errors[…]` / `fields[…]`, constants named `…Message`, the `message` of an
 *   error body, and what `weakPasswordReason` returns.
 * Template literals are returned with each `${…}` as `{}`, so a test can match them to a pattern.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";

export interface SourceMessage {
  file: string;
  line: number;
  /** The text; a template's holes are written `{}`. */
  text: string;
  template: boolean;
}

const MESSAGE_PARAMS = new Set(["message", "what", "fields", "error"]);
/** Functions whose every returned string is a message. */
const RETURNS_MESSAGES = new Set(["weakPasswordReason"]);
/** Helpers exported from server/errors.ts, known by name in every server file. */
const ERROR_HELPERS: Record<string, number[]> = {
  AppError: [1, 2],
  notFound: [0],
  forbidden: [0],
  unauthenticated: [0],
  conflict: [1],
  invalidInput: [0, 1],
};

export const HOLE = "{}";

// The catalogue itself, the tests' helpers and the demo seed hold no messages for people.
const SKIPPED = new Set([join("schemas", "messages"), join("server", "test"), join("server", "seed")]);

function listFiles(dir: string, root: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === "node_modules" || SKIPPED.has(relative(root, path))) continue;
      out.push(...listFiles(path, root));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Looks like words meant for a person, not a code, key or path. */
function isUserText(text: string): boolean {
  const bare = text.replaceAll(HOLE, "").trim();
  if (!/\p{L}/u.test(bare)) return false;
  if (/^[a-z0-9_.:/-]+$/.test(bare)) return false;
  return true;
}

function paramIndices(params: ts.NodeArray<ts.ParameterDeclaration>): number[] {
  const found: number[] = [];
  params.forEach((p, i) => {
    if (ts.isIdentifier(p.name) && (MESSAGE_PARAMS.has(p.name.text) || /Message$/.test(p.name.text))) found.push(i);
  });
  return found;
}

/** Local functions (declarations, arrow and function constants) with message parameters. */
function localHelpers(source: ts.SourceFile): Map<string, number[]> {
  const helpers = new Map<string, number[]>();
  const visit = (node: ts.Node) => {
    if (ts.isFunctionDeclaration(node) && node.name) {
      const idx = paramIndices(node.parameters);
      if (idx.length) helpers.set(node.name.text, idx);
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const init = node.initializer;
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) {
        const idx = paramIndices(init.parameters);
        if (idx.length) helpers.set(node.name.text, idx);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return helpers;
}

function calleeName(node: ts.CallExpression | ts.NewExpression): string | null {
  const e = node.expression;
  if (ts.isIdentifier(e)) return e.text;
  return null;
}

/** A method chain that starts at `z` (or at a schema built from it, such as `Text(80)`). */
function rootsAtZod(node: ts.Expression): boolean {
  let e: ts.Expression = node;
  while (ts.isPropertyAccessExpression(e) || ts.isCallExpression(e)) e = e.expression;
  return ts.isIdentifier(e);
}

function propertyName(node: ts.PropertyAssignment): string | null {
  return ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : null;
}

export function scanFile(path: string, root: string, area: "schemas" | "server"): SourceMessage[] {
  const text = readFileSync(path, "utf8");
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const file = relative(root, path);
  const found: SourceMessage[] = [];
  const seen = new Set<ts.Node>();
  const add = (node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression) => {
    if (seen.has(node)) return;
    seen.add(node);
    const template = ts.isTemplateExpression(node);
    const value = template ? node.head.text + node.templateSpans.map((s) => HOLE + s.literal.text).join("") : node.text;
    if (!isUserText(value)) return;
    found.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: value, template });
  };
  /** Every message literal an expression may evaluate to (branches, defaults, function results). */
  const collect = (node: ts.Node | undefined): void => {
    if (!node) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      add(node);
      return;
    }
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
      collect(node.expression);
      return;
    }
    if (ts.isConditionalExpression(node)) {
      collect(node.whenTrue);
      collect(node.whenFalse);
      return;
    }
    if (ts.isBinaryExpression(node)) {
      const op = node.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
        collect(node.left);
        collect(node.right);
      }
      return;
    }
    if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
      if (ts.isBlock(node.body)) collectReturns(node.body);
      else collect(node.body);
      return;
    }
    if (ts.isObjectLiteralExpression(node)) {
      for (const p of node.properties) if (ts.isPropertyAssignment(p)) collect(p.initializer);
    }
  };
  const collectReturns = (body: ts.Node) => {
    const walk = (n: ts.Node) => {
      if (ts.isReturnStatement(n)) collect(n.expression);
      if (ts.isFunctionLike(n) && n !== body) return;
      ts.forEachChild(n, walk);
    };
    walk(body);
  };

  const helpers = localHelpers(source);
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node);
      if (area === "schemas" && (name === "error" || name === "message")) collect(node.initializer);
      if (area === "server" && name === "fields") collect(node.initializer);
      // `{ error: { code, message: "…" } }`: an error body written by hand.
      if (area === "server" && name === "message" && ts.isObjectLiteralExpression(node.parent)) {
        const holder = node.parent.parent;
        if (ts.isPropertyAssignment(holder) && propertyName(holder) === "error") collect(node.initializer);
      }
    }
    // zod's short form: a message as a later argument of a check (`.min(1, "…")`, `.refine(fn, "…")`).
    if (area === "schemas" && ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && rootsAtZod(node.expression)) {
      for (const arg of node.arguments.slice(1)) if (ts.isStringLiteral(arg) || ts.isTemplateExpression(arg)) collect(arg);
    }
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
      const name = calleeName(node);
      const indices = name ? (helpers.get(name) ?? (area === "server" ? ERROR_HELPERS[name] : undefined)) : undefined;
      if (indices) for (const i of indices) collect(node.arguments?.[i]);
    }
    if (ts.isParameter(node) && ts.isIdentifier(node.name) && (MESSAGE_PARAMS.has(node.name.text) || /Message$/.test(node.name.text))) {
      collect(node.initializer);
    }
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && /^message$|Message$|Error$/.test(node.name.text)) {
      collect(node.initializer);
    }
    if (ts.isBinaryExpression(node) && ts.isElementAccessExpression(node.left)) {
      const target = node.left.expression;
      const op = node.operatorToken.kind;
      const assigns = op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken;
      if (assigns && ts.isIdentifier(target) && (target.text === "errors" || target.text === "fields")) collect(node.right);
    }
    if (ts.isFunctionDeclaration(node) && node.name && RETURNS_MESSAGES.has(node.name.text) && node.body) collectReturns(node.body);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every message in schemas/ and server/ (tests, test helpers and the demo seed left out). */
export function scanSourceMessages(root: string): SourceMessage[] {
  const out: SourceMessage[] = [];
  for (const area of ["schemas", "server"] as const) {
    for (const path of listFiles(join(root, area), root)) out.push(...scanFile(path, root, area));
  }
  return out;
}
