// The item's history, straight from the audit trail: every move, assignment, comment and refusal.
import { labels, type Stage } from "@/lib/domain/vocabulary";
import type { TimelineEvent } from "@/lib/queries/work-item-detail";

type Obj = Record<string, unknown> | null;
const stage = (s: unknown) => (typeof s === "string" && s in labels.stage ? labels.stage[s as Stage] : String(s ?? "—"));

function describe(e: TimelineEvent, names: Map<string, string>): string {
  const before = e.before as Obj;
  const after = e.after as Obj;
  const person = (id: unknown) => (typeof id === "string" ? (names.get(id) ?? "someone") : "nobody");
  switch (e.action) {
    case "work_item.create":
      return "raised the item";
    case "work_item.move":
      return `moved it from ${stage(before?.stage)} to ${stage(after?.stage)}`;
    case "work_item.verify":
      return "verified the work and closed it as remediated";
    case "work_item.reject_verification":
      return "rejected verification and sent it back to implementation";
    case "work_item.close":
      return `closed it as ${String(after?.resolution ?? "").replace("_", " ")}`;
    case "work_item.cancel":
      return "cancelled it";
    case "work_item.reopen":
      return `reopened it (cycle ${String(after?.cycle ?? "")})${after?.regressed ? " — regressed: the problem came back" : ""}${after?.acceptanceEnded ? "; the risk acceptance in force ended" : ""}`;
    case "work_item.take":
      return "took it from the queue";
    case "work_item.assign":
      return after?.assigneeId ? `assigned it to ${person(after.assigneeId)}` : "unassigned it";
    case "work_item.prioritise":
      return `set priority ${String(before?.priority)} → ${String(after?.priority)}${after?.override ? " (override)" : ""}`;
    case "work_item.hand_over":
      return `handed it to the ${(labels.waitingOn[after?.waitingOn as keyof typeof labels.waitingOn] ?? "other").toLowerCase()} side`;
    case "evidence.add": {
      const file = after?.fileName ? ` (${String(after.fileName)}, SHA-256 ${String(after.sha256 ?? "").slice(0, 12)}…)` : "";
      return `${after?.supersedes ? "corrected evidence with" : "attached evidence"}: ${String(after?.summary ?? "")}${file}`;
    }
    case "escalation.fire":
      return `escalated it: the ${String(after?.clock ?? "")} clock met rule "${String(after?.ruleId ?? "")}"${after?.level ? ` (level ${String(after.level)})` : ""}`;
    case "work_item.acceptance_request":
      return `asked for a risk acceptance (${String(after?.treatment ?? "")}) until ${String(after?.expiresAt ?? "").slice(0, 10)}; it waits for ${after?.approvalsRequired === 1 ? "one owner" : `${String(after?.approvalsRequired)} owners`}`;
    case "work_item.acceptance_decide":
      if (after?.decision === "reject") return `rejected the ${after?.extension ? "extension" : "risk acceptance"}`;
      if (after?.decisionPending === false) return `approved the ${after?.extension ? "extension" : "risk acceptance"} (${String(after?.approvals)} of ${String(after?.required)}) until ${String(after?.expiresAt ?? "").slice(0, 10)}${after?.stage === "closed" ? "; closed as risk accepted" : ""}`;
      return `approved the risk acceptance (${String(after?.approvals)} of ${String(after?.required)}); another owner must approve`;
    case "work_item.acceptance_extend":
      return `asked to extend the risk acceptance until ${String(after?.extensionExpiresAt ?? "").slice(0, 10)}`;
    case "work_item.acceptance_withdraw":
      return "withdrew the risk acceptance request";
    case "work_item.acceptance_expire":
      return after?.stage ? `expired the risk acceptance and reopened the item in prioritisation (cycle ${String(after?.cycle ?? "")})` : "expired the risk acceptance";
    case "work_item.consumer_confirm":
      return `confirmed consumer ${String(after?.consumer ?? "")} ${after?.outcome === "cut_off" ? "deliberately cut off" : "updated to the new credential"}, with evidence`;
    case "access_review.decide":
      return after?.defaulted
        ? `closed the review by the campaign's default action: ${after?.decision === "revoke" ? "revoke" : "keep"}`
        : `${after?.decision === "revoke" ? "revoked the access" : "certified the access"}${after?.revocation ? ` (revocation raised)` : ""}`;
    case "work_item.regress":
      return "reopened it: the problem came back (regressed)";
    case "access.denied":
      return `was refused (${String(after?.code ?? "forbidden")})`;
    default:
      return e.action;
  }
}

export function Timeline({ events, names }: { events: TimelineEvent[]; names: Map<string, string> }) {
  if (events.length === 0) return <p className="text-slate-600">Nothing has happened yet.</p>;
  return (
    <ol className="space-y-3">
      {events.map((e) => {
        const who = e.actorName ?? (e.actorType === "token" ? "An API token" : "The system");
        const when = e.occurredAt.toISOString().replace("T", " ").slice(0, 16) + " UTC";
        if (e.action === "work_item.comment") {
          return (
            <li key={e.id} className="rounded border border-slate-200 bg-white p-3">
              <div className="mb-1 text-xs text-slate-500">
                <span className="font-medium text-slate-800">{who}</span> commented · <time dateTime={e.occurredAt.toISOString()}>{when}</time>
              </div>
              <p className="whitespace-pre-wrap text-slate-800">{String((e.after as Obj)?.body ?? "")}</p>
            </li>
          );
        }
        return (
          <li key={e.id} className={`border-l-2 pl-3 ${e.action === "access.denied" ? "border-red-300" : "border-slate-300"}`}>
            <div className="text-slate-800">
              <span className="font-medium">{who}</span> {describe(e, names)}
            </div>
            {e.reason ? <div className="text-slate-600">{e.action === "work_item.create" ? "Priority override: " : ""}“{e.reason}”</div> : null}
            <time className="text-xs text-slate-500" dateTime={e.occurredAt.toISOString()}>{when}</time>
          </li>
        );
      })}
    </ol>
  );
}
