// Framework alignment (SPEC §9): which framework controls each kind of work counts towards, as a versioned
// policy document (kind "frameworks"). The document declares the frameworks and their controls, then maps
// work item types and inventory rules to "framework:control" references. Pure: no database, no clock.
import { z } from "zod";
import { IDENTITY_RULES } from "./identity-rules";
import { WORK_ITEM_TYPES, type Resolution, type WorkItemType } from "./vocabulary";

const frameworkId = z.string().regex(/^[a-z0-9][a-z0-9.-]{0,39}$/, "Use lower-case letters, digits, dots and dashes (e.g. nist-csf-2.0).");
const controlRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, "Use letters, digits, dots, dashes and underscores (e.g. PR.AA-05), no colon.");

const control = z.object({ ref: controlRef, title: z.string().trim().min(1, "Give the control a title.").max(400, "Keep a title under 400 characters.") }).strict();

const framework = z
  .object({
    id: frameworkId,
    name: z.string().trim().min(1, "Give the framework a name.").max(100, "Keep a name under 100 characters."),
    version: z.string().trim().min(1, "Say which version of the framework this is.").max(40, "Keep a version under 40 characters."),
    controls: z.array(control).min(1, "List at least one control.").max(500, "Keep a framework under 500 controls."),
  })
  .strict();

const typeName = z.enum(WORK_ITEM_TYPES, { error: (iss) => `"${String(iss.input)}" is not a work item type (one of ${WORK_ITEM_TYPES.join(", ")}).` });
const ruleName = z.enum(IDENTITY_RULES, { error: (iss) => `"${String(iss.input)}" is not an inventory rule (one of ${IDENTITY_RULES.join(", ")}).` });

const mapping = z
  .object({
    match: z
      .object({ type: z.array(typeName).min(1, "List at least one type, or leave type out.").optional(), rule: z.array(ruleName).min(1, "List at least one rule, or leave rule out.").optional() })
      .strict()
      .refine((m) => m.type !== undefined || m.rule !== undefined, "Match a type, a rule or both: an empty match would map every item."),
    refs: z.array(z.string()).min(1, "List at least one reference.").max(100, "Keep a mapping under 100 references."),
    /** Why these items count towards these controls, for the reviewer. */
    note: z.string().max(500, "Keep a note under 500 characters.").optional(),
  })
  .strict();

export const frameworksDocument = z
  .object({
    frameworks: z.array(framework).min(1, "Declare at least one framework.").max(20, "Keep the document under 20 frameworks."),
    mappings: z.array(mapping).max(500, "Keep the document under 500 mappings."),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const declared = new Set<string>();
    const ids = new Set<string>();
    doc.frameworks.forEach((f, i) => {
      if (ids.has(f.id)) ctx.addIssue({ code: "custom", path: ["frameworks", i, "id"], message: `The id "${f.id}" is used twice.` });
      ids.add(f.id);
      const refs = new Set<string>();
      f.controls.forEach((c, j) => {
        if (refs.has(c.ref)) ctx.addIssue({ code: "custom", path: ["frameworks", i, "controls", j, "ref"], message: `The control "${c.ref}" is listed twice.` });
        refs.add(c.ref);
        declared.add(`${f.id}:${c.ref}`);
      });
    });
    doc.mappings.forEach((m, i) =>
      m.refs.forEach((ref, j) => {
        const [fw] = ref.split(":");
        if (!ref.includes(":")) ctx.addIssue({ code: "custom", path: ["mappings", i, "refs", j], message: `"${ref}": write framework:control, e.g. nist-csf-2.0:PR.AA-05.` });
        else if (!ids.has(fw!)) ctx.addIssue({ code: "custom", path: ["mappings", i, "refs", j], message: `"${ref}": no framework "${fw}" is declared.` });
        else if (!declared.has(ref)) ctx.addIssue({ code: "custom", path: ["mappings", i, "refs", j], message: `"${ref}": framework "${fw}" declares no such control.` });
        else if (m.refs.indexOf(ref) !== j) ctx.addIssue({ code: "custom", path: ["mappings", i, "refs", j], message: `"${ref}" is listed twice.` });
      }),
    );
  });

export type FrameworksDocument = z.infer<typeof frameworksDocument>;

/** "Framework "nist-csf-2.0", controls.3.ref" or "Mapping 2, refs.0": the part of the document an issue is about. */
export function frameworksField(raw: unknown, path: readonly PropertyKey[]): string {
  const [head, key, ...rest] = path.map(String);
  const tail = rest.length ? `, ${rest.join(".")}` : "";
  if (head === "frameworks" && key !== undefined) {
    const id = (raw as { frameworks?: { id?: unknown }[] } | null)?.frameworks?.[Number(key)]?.id;
    return `${typeof id === "string" && id ? `Framework "${id}"` : `Framework ${Number(key) + 1}`}${tail}`;
  }
  if (head === "mappings" && key !== undefined) return `Mapping ${Number(key) + 1}${tail}`;
  return path.map(String).join(".") || "The document";
}

/** One declared control, in the document's order. `ref` is the control's own reference (e.g. "PR.AA-05"). */
export interface DeclaredControl {
  framework: string;
  frameworkName: string;
  ref: string;
  title: string;
}

export function declaredControls(doc: FrameworksDocument): DeclaredControl[] {
  return doc.frameworks.flatMap((f) => f.controls.map((c) => ({ framework: f.id, frameworkName: f.name, ref: c.ref, title: c.title })));
}

/**
 * The "framework:control" references an item counts towards: the union of every mapping that matches it, in
 * the document's order of controls. A mapping with both type and rule needs both to match; one with only a
 * rule matches items raised by that rule whatever their type.
 */
export function refsFor(doc: FrameworksDocument, item: { type: WorkItemType; rule: string | null }): string[] {
  const hit = new Set<string>();
  for (const m of doc.mappings) {
    if (m.match.type && !m.match.type.includes(item.type)) continue;
    if (m.match.rule && (item.rule === null || !(m.match.rule as readonly string[]).includes(item.rule))) continue;
    for (const r of m.refs) hit.add(r);
  }
  return declaredControls(doc)
    .map((c) => `${c.framework}:${c.ref}`)
    .filter((r) => hit.has(r));
}

export type ControlOutcome = "done" | "open" | "accepted";

/**
 * Where an item of the evidence pack (closed in the period with `resolution`) stands for a control: open if it
 * is open again now, else done (remediated) or accepted (risk accepted); null for invalid, duplicate, cancelled.
 */
export function packOutcome(resolution: Resolution | null, openNow: boolean): ControlOutcome | null {
  if (openNow) return "open";
  return resolution === "remediated" ? "done" : resolution === "risk_accepted" ? "accepted" : null;
}

export interface ControlItems extends DeclaredControl {
  done: string[];
  open: string[];
  accepted: string[];
}

/** Every declared control with the keys of the items under it, by outcome; a control with none has empty lists. */
export function groupByControl(doc: FrameworksDocument, items: { key: string; refs: readonly string[]; outcome: ControlOutcome | null }[]): ControlItems[] {
  const groups = declaredControls(doc).map((c) => ({ ...c, done: [] as string[], open: [] as string[], accepted: [] as string[] }));
  const byRef = new Map(groups.map((g) => [`${g.framework}:${g.ref}`, g]));
  for (const i of items) {
    if (!i.outcome) continue;
    for (const r of i.refs) byRef.get(r)?.[i.outcome].push(i.key);
  }
  return groups;
}

export { DEFAULT_FRAMEWORKS } from "./frameworks-default";
