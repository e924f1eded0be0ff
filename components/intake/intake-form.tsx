"use client";
// Upload a scanner's or identity source's file: preview what it would do (nothing written), then import it.
// Both go to POST /api/v1/intake/{format} with the browser session; the import carries an Idempotency-Key,
// so a double click or a retry after a dropped connection imports once.
import { useId, useState } from "react";
import { INTAKE_FORMATS, type IntakeFormat } from "@/lib/intake/types";

const LABELS: Record<IntakeFormat, string> = {
  gitleaks: "gitleaks — JSON report",
  trufflehog: "TruffleHog — JSON lines (--json)",
  "github-secret-scanning": "GitHub secret scanning — alerts JSON",
  "aws-credential-report": "AWS IAM credential report — CSV",
  "scim-users": "SCIM 2.0 Users — ListResponse or array (JSON)",
  csv: "Identities — CSV (documented columns)",
};

interface Outcome {
  created: number;
  updated: number;
  reopened: number;
  unchanged: number;
  rejected: { record: number; field: string | null; error: string }[];
  /** Work the inventory rules raised after the import, per rule. */
  raised: { rotation_due: number; orphaned: number; deactivated_access: number };
}

const RAISED: [keyof Outcome["raised"], string][] = [
  ["rotation_due", "secret rotation"],
  ["orphaned", "orphan assignment"],
  ["deactivated_access", "revocation"],
];

const field = "w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30";
const button = "rounded px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:opacity-50";

export function IntakeForm({ org }: { org: string }) {
  const id = useId();
  const [format, setFormat] = useState<IntakeFormat>("gitleaks");
  const [file, setFile] = useState<File | null>(null);
  const [key, setKey] = useState("");
  const [busy, setBusy] = useState<"preview" | "import" | null>(null);
  const [result, setResult] = useState<{ kind: "preview" | "import"; outcome: Outcome } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const send = async (kind: "preview" | "import") => {
    if (!file) return;
    setBusy(kind);
    setError(null);
    try {
      const res = await fetch(`/api/v1/intake/${format}?org=${encodeURIComponent(org)}${kind === "preview" ? "&preview=true" : ""}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream", ...(kind === "import" ? { "idempotency-key": key } : {}) },
        body: await file.arrayBuffer(),
      });
      const body = (await res.json()) as Outcome | { error: { message: string } };
      if (!res.ok || "error" in body) setError("error" in body ? body.error.message : `The import failed (${res.status}).`);
      else setResult({ kind, outcome: body });
    } catch {
      setError("The console could not be reached. Nothing was imported twice: try again.");
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="space-y-4">
      <form aria-label="Import a file" className="grid gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-[minmax(0,18rem)_minmax(0,1fr)]" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={`${id}-format`} className="mb-0.5 block text-xs font-medium text-slate-700">Format</label>
          <select id={`${id}-format`} className={field} value={format} onChange={(e) => { setFormat(e.target.value as IntakeFormat); setResult(null); }}>
            {INTAKE_FORMATS.map((f) => <option key={f} value={f}>{LABELS[f]}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-file`} className="mb-0.5 block text-xs font-medium text-slate-700">File (up to 100 MB)</label>
          <input
            id={`${id}-file`}
            type="file"
            className="block w-full text-sm file:mr-3 file:rounded file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setKey(crypto.randomUUID());
              setResult(null);
              setError(null);
            }}
          />
        </div>
        <div className="flex flex-wrap gap-2 sm:col-span-2">
          <button type="button" className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`} disabled={!file || busy !== null} onClick={() => send("preview")}>
            {busy === "preview" ? "Reading…" : "Preview"}
          </button>
          <button type="button" className={`${button} bg-slate-800 text-white hover:bg-slate-900`} disabled={!file || busy !== null || result?.kind !== "preview"} onClick={() => send("import")}>
            {busy === "import" ? "Importing…" : "Import"}
          </button>
          <span className="self-center text-xs text-slate-500">Preview first: it shows what the import will do and writes nothing.</span>
        </div>
      </form>
      {error ? <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{error}</p> : null}
      {result ? <OutcomeView {...result} org={org} /> : null}
    </div>
  );
}

function OutcomeView({ kind, outcome, org }: { kind: "preview" | "import"; outcome: Outcome; org: string }) {
  const cells: [string, number][] = [
    ["created", outcome.created],
    ["updated", outcome.updated],
    ["reopened as regressed", outcome.reopened],
    ["unchanged", outcome.unchanged],
    ["rejected", outcome.rejected.length],
  ];
  return (
    <section aria-label={kind === "preview" ? "Preview" : "Imported"} className="space-y-3 rounded border border-slate-200 bg-white p-4 text-sm">
      <h2 className="font-semibold text-slate-900">{kind === "preview" ? "Preview: the import would do this (nothing is written yet)" : "Imported"}</h2>
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
        {cells.map(([label, n]) => (
          <div key={label} className="rounded border border-slate-200 px-3 py-2">
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className={`text-lg font-semibold tabular-nums ${label === "rejected" && n ? "text-red-700" : "text-slate-900"}`}>{n.toLocaleString("en")}</dd>
          </div>
        ))}
      </dl>
      <p className="text-slate-700">
        {RAISED.some(([k]) => outcome.raised[k]) ? (
          <>
            The inventory rules {kind === "preview" ? "would raise" : "raised"}:{" "}
            {RAISED.filter(([k]) => outcome.raised[k])
              .map(([k, label]) => `${outcome.raised[k].toLocaleString("en")} ${label}${outcome.raised[k] === 1 ? "" : "s"}`)
              .join(", ")}
            .
          </>
        ) : (
          <>The inventory rules {kind === "preview" ? "would raise" : "raised"} no further work (rotation due, orphaned, deactivated with access).</>
        )}
      </p>
      {outcome.rejected.length ? (
        <table className="w-full text-left text-sm">
          <caption className="mb-1 text-left text-xs text-slate-600">Rejected records{outcome.rejected.length > 100 ? " (first 100)" : ""}; the valid ones are {kind === "preview" ? "imported" : "in"}.</caption>
          <thead className="text-xs uppercase text-slate-500"><tr><th className="py-1 pr-3">Record</th><th className="py-1 pr-3">Field</th><th className="py-1">Problem</th></tr></thead>
          <tbody>
            {outcome.rejected.slice(0, 100).map((r, i) => (
              <tr key={i} className="border-t border-slate-100"><td className="py-1 pr-3 tabular-nums">{r.record || "file"}</td><td className="py-1 pr-3 font-mono text-xs">{r.field ?? "—"}</td><td className="py-1">{r.error}</td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {kind === "import" ? <a className="text-blue-700 underline-offset-2 hover:underline" href={`/o/${org}/queue?sort=newest`}>Open the work queue</a> : null}
    </section>
  );
}
