// Policy documents as text, for the editor (live, in the browser) and the server alike: JSON syntax errors
// with line and column, schema errors that name the rule or goal and the field and sit on a line, and one
// canonical layout so versions diff line by line.
import { escalationDocument, parseEscalationDocument, type EscalationDocument } from "./escalation/rules";
import { frameworksDocument, frameworksField, type FrameworksDocument } from "./frameworks";
import { slaPolicyDocument, type SlaPolicyDocument } from "./sla/policy";

export const POLICY_KINDS = ["sla", "escalation", "frameworks"] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];
export type PolicyDocument<K extends PolicyKind> = K extends "sla" ? SlaPolicyDocument : K extends "escalation" ? EscalationDocument : FrameworksDocument;

export interface PolicyProblem {
  message: string;
  /** 1-based; null when the problem has no place (e.g. an empty document). */
  line: number | null;
  column: number | null;
}

export type PolicyCheck<K extends PolicyKind> =
  | { ok: true; doc: PolicyDocument<K> }
  | { ok: false; syntax: boolean; problems: PolicyProblem[] };

export const policyTitle: Record<PolicyKind, string> = { sla: "SLA policy", escalation: "Escalation rules", frameworks: "Framework mapping" };
/** The same inside a sentence. */
export const policyNoun: Record<PolicyKind, string> = { sla: "SLA policy", escalation: "escalation rules", frameworks: "framework mapping" };

/** Checks a document typed as text. */
export function checkPolicyText<K extends PolicyKind>(kind: K, text: string): PolicyCheck<K> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const err = scan(text).error ?? { at: 0, message: "Not valid JSON." };
    return { ok: false, syntax: true, problems: [{ message: err.message, ...lineColumn(text, err.at) }] };
  }
  return checkPolicyValue(kind, raw, text);
}

/** Checks a parsed document; `text`, when given, places each problem on its line. */
export function checkPolicyValue<K extends PolicyKind>(kind: K, raw: unknown, text?: string): PolicyCheck<K> {
  const positions = text === undefined ? null : scan(text).positions;
  const place = (path: readonly PropertyKey[]) => {
    if (!positions || text === undefined) return { line: null, column: null };
    // A missing field has no position of its own: point at the nearest enclosing value.
    for (let n = path.length; n >= 0; n--) {
      const at = positions.get(path.slice(0, n).map(String).join("."));
      if (at !== undefined) return lineColumn(text, at);
    }
    return { line: null, column: null };
  };
  if (kind === "escalation") {
    const r = escalationDocument.safeParse(raw);
    if (r.success) return { ok: true, doc: r.data as PolicyDocument<K> };
    // parseEscalationDocument words each issue (rule by id, then the field); its issues are r's, in order.
    const words = parseEscalationDocument(JSON.stringify(raw));
    const messages = words.ok ? [] : words.errors;
    return { ok: false, syntax: false, problems: r.error.issues.map((issue, i) => ({ message: messages[i] ?? issue.message, ...place(issue.path) })) };
  }
  if (kind === "frameworks") {
    const r = frameworksDocument.safeParse(raw);
    if (r.success) return { ok: true, doc: r.data as PolicyDocument<K> };
    return { ok: false, syntax: false, problems: r.error.issues.map((issue) => ({ message: `${frameworksField(raw, issue.path)}: ${issue.message}`, ...place(issue.path) })) };
  }
  const r = slaPolicyDocument.safeParse(raw);
  if (r.success) {
    // The SLA schema strips fields it does not know; a misspelt "resolutoin" must not vanish silently.
    const unknown = droppedKeys(raw, r.data, []).map((path) => ({ message: `${slaField(raw, path)}: not a field of an SLA policy.`, ...place(path) }));
    return unknown.length ? { ok: false, syntax: false, problems: unknown } : { ok: true, doc: r.data as PolicyDocument<K> };
  }
  return { ok: false, syntax: false, problems: r.error.issues.map((issue) => ({ message: slaMessage(raw, issue.path, issue.message), ...place(issue.path) })) };
}

/** "Goal "P1", response.within" for goals, "Calendar "office", week.1" for calendars. */
function slaField(raw: unknown, path: readonly PropertyKey[]): string {
  const [head, key, ...rest] = path.map(String);
  const tail = rest.length ? `, ${rest.join(".")}` : "";
  if (head === "goals" && key !== undefined) {
    const name = (raw as { goals?: { name?: unknown }[] } | null)?.goals?.[Number(key)]?.name;
    return `${typeof name === "string" && name ? `Goal "${name}"` : `Goal ${Number(key) + 1}`}${tail}`;
  }
  if (head === "calendars" && key !== undefined) return `Calendar "${key}"${tail}`;
  return path.map(String).join(".") || "The document";
}

function slaMessage(raw: unknown, path: readonly PropertyKey[], message: string): string {
  // The schema's own cross-field messages already name the goal.
  if (/^(Goal "|The last goal)/.test(message)) return message;
  return `${slaField(raw, path)}: ${message}`;
}

function droppedKeys(raw: unknown, parsed: unknown, path: string[]): string[][] {
  if (Array.isArray(raw) && Array.isArray(parsed)) return raw.flatMap((v, i) => droppedKeys(v, parsed[i], [...path, String(i)]));
  if (!isObject(raw) || !isObject(parsed)) return [];
  return Object.keys(raw).flatMap((k) => (k in parsed ? droppedKeys(raw[k], parsed[k], [...path, k]) : [[...path, k]]));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function lineColumn(text: string, at: number): { line: number; column: number } {
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - before.lastIndexOf("\n") };
}

/**
 * The canonical layout: two-space indent, and any value that fits on its line kept on one line (as in the
 * SPEC's example), so a changed condition is one changed line in a diff.
 */
export function formatPolicy(value: unknown, indent = "", lead = 0, width = 100): string {
  const flat = oneLine(value);
  if (indent.length + lead + flat.length <= width || typeof value !== "object" || value === null) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + formatPolicy(v, inner, 0, width)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatPolicy(v, inner, JSON.stringify(k).length + 2, width)}`).join(",\n")}\n${indent}}`;
}

function oneLine(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oneLine).join(", ")}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${oneLine(v)}`).join(", ")} }` : "{}";
  }
  return JSON.stringify(value) ?? "null";
}

/** The stored document in the canonical layout, in the schema's field order when it still validates. */
export function policyText(kind: PolicyKind, document: unknown): string {
  const r = kind === "sla" ? slaPolicyDocument.safeParse(document) : kind === "escalation" ? escalationDocument.safeParse(document) : frameworksDocument.safeParse(document);
  return formatPolicy(r.success ? r.data : document);
}

// A small JSON scanner, run only when JSON.parse has already refused the text or a schema error needs a
// line: it finds where the first syntax error is (JSON.parse's messages have no line and column in every
// engine) and where each value starts, keyed by its path ("rules.0.when.clock").
interface Scan {
  error: { at: number; message: string } | null;
  positions: Map<string, number>;
}

class ScanError extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

function scan(text: string): Scan {
  const positions = new Map<string, number>();
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new ScanError(at, message);
  };
  const found = () => (i >= text.length ? "the end of the text" : `“${text[i]}”`);
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') return JSON.parse(text.slice(start, ++i)) as string;
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u" ? !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)) : !e || !'"\\/bfnrt'.includes(e)) fail("Invalid escape in a string (use \\\", \\\\, \\n or \\uXXXX).");
        i += e === "u" ? 6 : 2;
      } else if (c < " ") fail(c === "\n" ? 'A string runs to the end of the line: close it with ".' : "A control character inside a string.");
      else i++;
    }
    return fail('A string is never closed: a " is missing.', start);
  };
  const value = (path: string, depth: number): void => {
    if (depth > 64) fail("The document is nested too deeply.");
    ws();
    positions.set(path, i);
    const c = text[i];
    const join = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i >= text.length ? "The text ends inside an object: a } is missing." : `Expected a field name in double quotes, found ${found()}.`);
        const key = string();
        ws();
        if (text[i] !== ":") fail(`Expected ":" after "${key}", found ${found()}.`);
        i++;
        value(join(key), depth + 1);
        ws();
        if (text[i] === "}") return void i++;
        if (text[i] !== ",") fail(i >= text.length ? "The text ends inside an object: a } is missing." : `Expected "," or "}" after the value of "${key}", found ${found()}.`);
        const comma = i++;
        ws();
        if (text[i] === "}") fail("A comma before } : JSON allows no trailing comma.", comma);
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (let n = 0; ; n++) {
        value(join(n), depth + 1);
        ws();
        if (text[i] === "]") return void i++;
        if (text[i] !== ",") fail(i >= text.length ? "The text ends inside a list: a ] is missing." : `Expected "," or "]" in a list, found ${found()}.`);
        const comma = i++;
        ws();
        if (text[i] === "]") fail("A comma before ] : JSON allows no trailing comma.", comma);
      }
    }
    if (c === '"') return void string();
    const num = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    num.lastIndex = i;
    if (num.test(text)) return void (i = num.lastIndex);
    for (const word of ["true", "false", "null"]) if (text.startsWith(word, i)) return void (i += word.length);
    if (c === "'") fail("Use double quotes: JSON does not allow single quotes.");
    fail(i >= text.length ? "The text ends where a value was expected." : `Expected a value, found ${found()}.`);
  };
  try {
    value("", 0);
    ws();
    if (i < text.length) fail(`Unexpected ${found()} after the end of the document.`);
    return { error: null, positions };
  } catch (e) {
    if (e instanceof ScanError) return { error: { at: e.at, message: e.message }, positions };
    throw e;
  }
}
