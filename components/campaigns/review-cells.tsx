// The cells of a review row that only read: the decision (or the default action) and the revocation it raised.
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";
import { itemKey } from "@/lib/domain/keys";
import { labels } from "@/lib/domain/vocabulary";
import type { ReviewRow } from "@/lib/queries/campaigns";

export function DecisionCell({ r }: { r: ReviewRow }) {
  if (!r.decision) return <Badge tone="neutral">Undecided</Badge>;
  const revoke = r.decision === "revoke";
  return (
    <div className="leading-tight">
      <div className="flex flex-wrap items-center gap-1">
        {r.defaulted ? (
          <Badge tone={revoke ? "breach" : "neutral"} title="No decision by the deadline: the campaign's default action applied">
            Default action: {revoke ? "revoked" : "kept"}
          </Badge>
        ) : (
          <Badge tone={revoke ? "breach" : "ok"}>{revoke ? "Revoked" : "Certified"}</Badge>
        )}
      </div>
      {r.justification && !r.defaulted ? (
        <div className="mt-0.5 line-clamp-2 text-xs text-slate-700" title={r.justification}>
          {r.justification}
        </div>
      ) : null}
      <div className="mt-0.5 text-xs text-slate-500">
        {r.decidedBy ? `${r.decidedBy}, ` : ""}
        {shortDate(r.decidedAt)}
      </div>
    </div>
  );
}

export function RevocationCell({ org, r }: { org: string; r: ReviewRow }) {
  if (r.revocationNumber === null) return null;
  const closed = r.revocationStage === "closed";
  const verified = closed && r.revocationResolution === "remediated";
  return (
    <div className="flex flex-wrap items-center gap-1.5" title="The revocation item this decision raised">
      <span aria-hidden className="text-xs text-slate-400">→</span>
      <Link href={`/o/${org}/items/${r.revocationNumber}`} className="font-mono text-xs text-blue-700 hover:underline">
        {itemKey(org, r.revocationNumber)}
      </Link>
      {verified ? (
        <Badge tone="ok">Verified closed</Badge>
      ) : closed ? (
        <Badge tone="neutral">Closed · {r.revocationResolution?.replace("_", " ")}</Badge>
      ) : (
        <Badge tone="accent">{r.revocationStage ? labels.stage[r.revocationStage] : "Open"}</Badge>
      )}
    </div>
  );
}
