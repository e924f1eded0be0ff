// The item's evidence: each record with who added it and when, files with their size, detected type, SHA-256 and
// download link, system checks with their result, and corrections (a superseded record stays, struck through).
import { Badge, type Tone } from "@/components/ui/badge";
import { EVIDENCE_TYPES, humanSize, type EvidenceContentType } from "@/lib/domain/evidence-file";
import { labels, type EvidenceKind } from "@/lib/domain/vocabulary";
import type { listEvidence } from "@/lib/queries/work-item-detail";
import type { SystemCheckResult } from "@/lib/schemas/evidence";
import { CopyButton, CorrectButton, EvidenceEditor } from "./evidence-form";

type Row = Awaited<ReturnType<typeof listEvidence>>[number];

const kindTone: Record<EvidenceKind, Tone> = { note: "neutral", link: "neutral", file: "accent", system_check: "accent" };
const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const clip = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const anchor = (id: string) => `evidence-${id}`;

export function EvidenceSection({ org, itemId, evidence, open, canAdd }: { org: string; itemId: string; evidence: Row[]; open: boolean; canAdd: boolean }) {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  const supersededBy = new Map(evidence.filter((e) => e.supersedesId).map((e) => [e.supersedesId!, e]));
  const current = evidence.length - supersededBy.size;
  return (
    <section aria-labelledby="evidence-h" className="space-y-2">
      <h2 id="evidence-h" className="font-semibold text-slate-900">
        Evidence{" "}
        <span className="font-normal text-slate-500">
          ({current}
          {supersededBy.size ? `, ${supersededBy.size} superseded` : ""})
        </span>
      </h2>
      <EvidenceEditor org={org} itemId={itemId} canAdd={canAdd}>
        {evidence.length === 0 ? (
          <p className="text-slate-600">{open ? "No evidence yet. Closure needs at least one record." : "No evidence was recorded."}</p>
        ) : (
          <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white">
            {evidence.map((e) => (
              <EvidenceRow key={e.id} org={org} e={e} later={supersededBy.get(e.id) ?? null} earlier={e.supersedesId ? (byId.get(e.supersedesId) ?? null) : null} canCorrect={canAdd} />
            ))}
          </ul>
        )}
      </EvidenceEditor>
    </section>
  );
}

function EvidenceRow({ org, e, later, earlier, canCorrect }: { org: string; e: Row; later: Row | null; earlier: Row | null; canCorrect: boolean }) {
  const check = e.kind === "system_check" ? (e.result as SystemCheckResult | null) : null;
  return (
    <li id={anchor(e.id)} className={`scroll-mt-4 space-y-1 px-3 py-2 text-sm ${later ? "bg-slate-50" : ""}`} data-superseded={later ? "true" : undefined}>
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
        <Badge tone={later ? "neutral" : kindTone[e.kind]}>{labels.evidenceKind[e.kind]}</Badge>
        {check ? <Badge tone={check.status === "pass" ? "ok" : "breach"}>{check.status === "pass" ? "Pass" : "Fail"}</Badge> : null}
        {later ? <Badge tone="neutral">Superseded</Badge> : null}
        <span className={`min-w-0 break-words ${later ? "text-slate-500 line-through decoration-slate-400" : "text-slate-900"}`}>{e.summary}</span>
      </div>

      {e.kind === "link" && e.url ? (
        <div className="min-w-0 break-all">
          <a href={e.url} rel="noreferrer noopener" target="_blank" className="text-blue-700 underline">{e.url}</a>
        </div>
      ) : null}
      {e.kind === "file" ? <FileFacts org={org} e={e} /> : null}
      {check ? (
        <p className="text-xs text-slate-600">
          <code className="font-mono text-slate-800">{check.check}</code> on <code className="font-mono break-all text-slate-800">{check.target}</code>, observed {when(new Date(check.observedAt))}
        </p>
      ) : null}

      <div className="flex flex-wrap items-center justify-between gap-x-3">
        <p className="text-xs text-slate-500">
          {e.createdByName ?? "An integration"} · {when(e.createdAt)}
          {earlier ? (
            <>
              {" "}· corrects <a href={`#${anchor(earlier.id)}`} className="text-slate-700 underline">“{clip(earlier.summary, 40)}”</a>
            </>
          ) : null}
          {later ? (
            <>
              {" "}· <span className="font-medium text-slate-700">Superseded by</span>{" "}
              <a href={`#${anchor(later.id)}`} className="text-slate-700 underline">“{clip(later.summary, 40)}”</a>
            </>
          ) : null}
        </p>
        {canCorrect && !later ? <CorrectButton id={e.id} summary={clip(e.summary)} /> : null}
      </div>
    </li>
  );
}

function FileFacts({ org, e }: { org: string; e: Row }) {
  const type = e.contentType && e.contentType in EVIDENCE_TYPES ? EVIDENCE_TYPES[e.contentType as EvidenceContentType] : (e.contentType ?? "unknown type");
  const sha = e.sha256 ?? "";
  return (
    <div className="space-y-1 text-xs text-slate-600">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <a
          href={`/api/v1/evidence/${e.id}/file?org=${encodeURIComponent(org)}`}
          download={e.fileName ?? true}
          className="rounded border border-slate-300 bg-white px-2 py-0.5 font-medium text-slate-800 hover:bg-slate-50"
        >
          Download<span className="sr-only"> {e.fileName}</span>
        </a>
        <span className="min-w-0 break-all font-medium text-slate-800">{e.fileName}</span>
        <span className="whitespace-nowrap">
          {humanSize(e.sizeBytes ?? 0)} · {type}
        </span>
      </div>
      <div className="flex items-center gap-1">
        <span>SHA-256</span>
        <code className="font-mono text-slate-800" title={sha} data-sha256={sha}>
          {sha.slice(0, 12)}…{sha.slice(-6)}
        </code>
        <CopyButton value={sha} label={`Copy the SHA-256 of ${e.fileName ?? "the file"}`} />
      </div>
    </div>
  );
}
