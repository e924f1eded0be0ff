// The identity's history from the audit trail, newest first: who changed what (from → to), when, and why.
import Link from "next/link";
import type { ReactNode } from "react";
import { itemKey } from "@/lib/domain/keys";
import { labels, type ConsumerKind } from "@/lib/domain/vocabulary";
import type { IdentityEvent } from "@/lib/queries/identity-detail";
import { when } from "./words";

type Obj = Record<string, unknown> | null;
type Change = { what: string; from: string; to: string };

const str = (v: unknown) => (v === null || v === undefined || v === "" ? null : String(v));
const kindOf = (v: unknown) => labels.consumerKind[v as ConsumerKind] ?? "Consumer";
const owner = (o: Obj) => {
  const name = str(o?.ownerName);
  const email = str(o?.ownerEmail);
  if (!name && !email) return "nobody";
  return name && email && name !== email ? `${name} <${email}>` : (name ?? email)!;
};
const period = (v: unknown) => (v === null || v === undefined ? "none" : `${String(v)} days`);

function describe(org: string, e: IdentityEvent): { text: ReactNode; changes: Change[] } {
  const b = e.before as Obj;
  const a = e.after as Obj;
  const item = (n: unknown) => (typeof n === "number" ? <Link href={`/o/${org}/items/${n}`} className="font-mono text-blue-700 underline">{itemKey(org, n)}</Link> : "an item");
  switch (e.action) {
    case "identity.owner":
      return { text: owner(a) === "nobody" ? "removed the owner" : "set the owner", changes: [{ what: "Owner", from: owner(b), to: owner(a) }] };
    case "identity.classify": {
      const changes: Change[] = [];
      if (b?.tier !== a?.tier) changes.push({ what: "Tier", from: String(b?.tier ?? "—"), to: String(a?.tier ?? "—") });
      if (b?.privileged !== a?.privileged) changes.push({ what: "Privileged", from: b?.privileged ? "yes" : "no", to: a?.privileged ? "yes" : "no" });
      if ((b?.rotationPeriodDays ?? null) !== (a?.rotationPeriodDays ?? null)) changes.push({ what: "Rotation period", from: period(b?.rotationPeriodDays), to: period(a?.rotationPeriodDays) });
      return { text: changes.length ? "changed the classification" : "confirmed the classification unchanged", changes };
    }
    case "identity.consumer_add":
      return { text: <>added a consumer: {kindOf(a?.kind).toLowerCase()} “<span className="font-medium">{str(a?.name)}</span>”{a?.detail ? ` (${String(a.detail)})` : ""}</>, changes: [] };
    case "identity.consumer_remove":
      return { text: <>removed a consumer: {kindOf(b?.kind).toLowerCase()} “<span className="font-medium">{str(b?.name)}</span>”</>, changes: [] };
    case "identity.rotated":
      return { text: <>recorded the rotation: {item(a?.number)} was verified and closed</>, changes: [] };
    case "identity.revoked": {
      const n = typeof a?.credentials === "number" ? a.credentials : 0;
      return { text: <>recorded the revocation: {item(a?.number)} was verified and closed{n > 0 ? `; ${n} ${n === 1 ? "credential" : "credentials"} it held revoked with it` : ""}</>, changes: [{ what: "Status", from: "active", to: "revoked" }] };
    }
    default:
      return { text: e.action, changes: [] };
  }
}

export function IdentityHistory({ org, events }: { org: string; events: IdentityEvent[] }) {
  return (
    <section aria-labelledby="history-h" className="space-y-2">
      <h2 id="history-h" className="font-semibold text-slate-900">History</h2>
      {events.length === 0 ? (
        <p className="text-slate-600">No changes recorded since it entered the inventory.</p>
      ) : (
        <ol className="space-y-3">
          {events.map((e) => {
            const who = e.actorName ?? (e.actorType === "token" ? "An API token" : "The system");
            const { text, changes } = describe(org, e);
            return (
              <li key={e.id} className="border-l-2 border-slate-300 pl-3 text-sm">
                <div className="text-slate-800">
                  <span className="font-medium text-slate-900">{who}</span> {text}
                </div>
                {changes.length ? (
                  <ul className="mt-0.5 space-y-0.5 text-slate-700">
                    {changes.map((c) => (
                      <li key={c.what}>
                        <span className="text-slate-500">{c.what}:</span> <span className="line-through decoration-slate-400">{c.from}</span> <span aria-hidden>→</span><span className="sr-only">changed to</span> <span className="font-medium">{c.to}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {e.reason ? <p className="mt-0.5 text-slate-700"><span className="text-slate-500">Why:</span> {e.reason}</p> : null}
                <div className="text-xs text-slate-500"><time dateTime={e.occurredAt.toISOString()}>{when(e.occurredAt)}</time></div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
