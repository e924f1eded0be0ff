// What one audit event of a work item changed, in words an auditor reads without the code: the field that
// moved (from → to) and a short detail (the comment, the evidence, the decision). Pure; names of people are
// filled in by the caller.
type Obj = Record<string, unknown> | null | undefined;

export type ChangedField = "stage" | "priority" | "waiting_on" | "assignee" | "status";

export interface AuditChange {
  field: ChangedField | null;
  from: string | null;
  to: string | null;
  detail: string | null;
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === "" ? null : typeof v === "string" ? v : JSON.stringify(v));

/** An ISO instant at midnight UTC or any time, shown as its date (the form people ask for expiries in). */
const day = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}T/.test(s) ? s.slice(0, 10) : s);

function stageWith(o: Obj): string | null {
  const stage = str(o?.stage);
  const resolution = str(o?.resolution);
  return stage === "closed" && resolution ? `closed (${resolution})` : stage;
}

/** The first of these the event carries, before or after, is the change it records. */
export function auditChange(action: string, before: unknown, after: unknown): AuditChange {
  const b = (before ?? null) as Obj;
  const a = (after ?? null) as Obj;
  const has = (k: string) => (b && k in b) || (a && k in a);
  let field: AuditChange["field"] = null;
  let from: string | null = null;
  let to: string | null = null;
  if (has("stage")) [field, from, to] = ["stage", stageWith(b), stageWith(a)];
  else if (has("priority")) [field, from, to] = ["priority", str(b?.priority), str(a?.priority)];
  else if (has("waitingOn")) [field, from, to] = ["waiting_on", str(b?.waitingOn), str(a?.waitingOn)];
  else if (has("assigneeId")) [field, from, to] = ["assignee", str(b?.assigneeId), str(a?.assigneeId)];
  else if (has("status")) [field, from, to] = ["status", str(b?.status), str(a?.status)];
  return { field, from, to, detail: detailOf(action, a) };
}

function detailOf(action: string, a: Obj): string | null {
  if (!a) return null;
  if (action === "work_item.comment") return str(a.body);
  if (action === "evidence.add") return str(a.summary);
  if (action === "access.denied") return str(a.code);
  if (action === "escalation.fire") return [str(a.clock) && `${str(a.clock)} clock`, str(a.ruleId) && `rule ${str(a.ruleId)}`, a.level ? `level ${str(a.level)}` : null].filter(Boolean).join(", ") || null;
  if (action.startsWith("work_item.acceptance_")) {
    const parts = [
      a.decision ? String(a.decision) : null,
      a.round ? `round ${str(a.round)}` : null,
      a.expiresAt ? `until ${day(str(a.expiresAt))}` : null,
      a.comment ? `“${str(a.comment)}”` : null,
    ].filter(Boolean);
    return parts.length ? parts.join(", ") : null;
  }
  return null;
}

/** Who acted, for people reading the pack: the person's name, "integration" for an API token, or "system". */
export function actorLabel(actorType: "user" | "token" | "system", name: string | null): string {
  if (actorType === "token") return "integration";
  if (actorType === "system") return "system";
  return name ?? "unknown user";
}
