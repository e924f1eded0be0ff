// Escalation rules as policy-as-code (SPEC §4): a versioned JSON document, validated here with messages that
// name the rule and the field, and evaluated against an item's clock readings. Firing once per
// (item, rule, clock cycle) is the database's job (a unique constraint), not this module's.
import { Duration } from "luxon";
import { z } from "zod";
import { PRIORITIES, WORK_ITEM_TYPES, type Priority, type WorkItemType } from "../vocabulary";
import { isoDuration } from "../sla/policy";
import { exceptionsSection } from "../exception-policy";

export const NOTIFY = ["assignee", "lead", "owner", "executive"] as const;
/** The SLA policy's three clocks, and "deadline": a due date set on the item from outside the policy (an access
 * review's), breached once passed. */
export const RULE_CLOCKS = ["response", "resolution", "decision", "deadline"] as const;

const rule = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "Use lower-case letters, digits and dashes (e.g. p1-at-risk)."),
    when: z
      .object({
        clock: z.enum(RULE_CLOCKS).optional(),
        atRisk: z.literal(true).optional(),
        breached: z.literal(true).optional(),
        breachedFor: isoDuration.optional(),
        priority: z.array(z.enum(PRIORITIES)).min(1).optional(),
        type: z.array(z.enum(WORK_ITEM_TYPES)).min(1).optional(),
        exceptionExpiresWithin: isoDuration.optional(),
      })
      .strict()
      .refine((w) => !!w.exceptionExpiresWithin !== !!w.clock, "Say either which clock (with atRisk, breached or breachedFor) or exceptionExpiresWithin.")
      .refine((w) => !w.clock || [w.atRisk, w.breached, w.breachedFor].filter(Boolean).length === 1, "A clock condition needs exactly one of atRisk, breached or breachedFor."),
    then: z
      .object({ level: z.int().min(1).max(5).optional(), notify: z.array(z.enum(NOTIFY)).default([]) })
      .strict()
      .refine((t) => t.level !== undefined || t.notify.length > 0, "Raise a level, notify someone, or both."),
  })
  .strict();

export const escalationDocument = z
  .object({ rules: z.array(rule).max(100, "Keep a policy under 100 rules."), exceptions: exceptionsSection.optional() })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>();
    doc.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `The id "${r.id}" is used twice.` });
      seen.add(r.id);
    });
  });

export type EscalationDocument = z.infer<typeof escalationDocument>;
export type EscalationRule = EscalationDocument["rules"][number];

export type ParseResult = { ok: true; doc: EscalationDocument } | { ok: false; errors: string[] };

/** Parses JSON text into a rules document; each error names the rule (by id, else by position) and the field. */
export function parseEscalationDocument(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`Not valid JSON: ${(e as Error).message}`] };
  }
  const r = escalationDocument.safeParse(raw);
  if (r.success) return { ok: true, doc: r.data };
  const rules = (raw as { rules?: { id?: unknown }[] } | null)?.rules;
  return {
    ok: false,
    errors: r.error.issues.map((issue) => {
      const [head, index, ...rest] = issue.path;
      if (head === "rules" && typeof index === "number") {
        const id = rules?.[index]?.id;
        const name = typeof id === "string" && id ? `Rule "${id}"` : `Rule ${index + 1}`;
        return `${name}${rest.length ? `, ${rest.join(".")}` : ""}: ${issue.message}`;
      }
      return `${issue.path.join(".") || "The document"}: ${issue.message}`;
    }),
  };
}

/** What a rule looks at for one item and one clock (the sweeper fills it from the clock readings). */
export interface RuleSubject {
  priority: Priority;
  type: WorkItemType;
  clock?: { name: (typeof RULE_CLOCKS)[number]; atRisk: boolean; breached: boolean; overdueMs: number };
  /** Milliseconds until the item's exception expires, when it has one. */
  exceptionExpiresInMs?: number | null;
}

export function ruleMatches(rule: EscalationRule, s: RuleSubject): boolean {
  const w = rule.when;
  if (w.priority && !w.priority.includes(s.priority)) return false;
  if (w.type && !w.type.includes(s.type)) return false;
  if (w.exceptionExpiresWithin) {
    return s.exceptionExpiresInMs != null && s.exceptionExpiresInMs >= 0 && s.exceptionExpiresInMs <= Duration.fromISO(w.exceptionExpiresWithin).toMillis();
  }
  const c = s.clock;
  if (!c || c.name !== w.clock) return false;
  if (w.atRisk) return c.atRisk;
  if (w.breached) return c.breached;
  if (w.breachedFor) return c.breached && c.overdueMs >= Duration.fromISO(w.breachedFor).toMillis();
  return false;
}
