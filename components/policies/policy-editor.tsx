"use client";
// The policy editor: a monospace text area with line numbers and the cursor's line and column, checked as
// you type with the same schema the server uses (syntax errors with line and column; schema errors naming the
// rule or goal and the field, each a button to jump there), a note, the dry run and "Propose draft".
import { useRouter } from "next/navigation";
import { useDeferredValue, useMemo, useRef, useState, useTransition } from "react";
import { dryRunAction, proposePolicyAction } from "@/app/(console)/o/[org]/settings/policies/actions";
import type { ActionError } from "@/lib/actions/mutation";
import type { DryRunHit } from "@/lib/escalation/engine";
import { checkPolicyText, lineColumn, type PolicyKind, type PolicyProblem } from "@/lib/domain/policy-text";
import { DryRunTable } from "./dry-run-table";

const LINE = 20; // px, the text area's line height (leading-5)

export function PolicyEditor({ org, kind, initialText, basedOnVersion }: { org: string; kind: PolicyKind; initialText: string; basedOnVersion: number | null }) {
  const router = useRouter();
  const [text, setText] = useState(initialText);
  const [note, setNote] = useState("");
  const [cursor, setCursor] = useState({ line: 1, column: 1 });
  const [error, setError] = useState<ActionError | null>(null);
  const [dry, setDry] = useState<{ text: string; hits: DryRunHit[] } | null>(null);
  const [proposing, startPropose] = useTransition();
  const [dryRunning, startDry] = useTransition();
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const deferred = useDeferredValue(text);
  const check = useMemo(() => checkPolicyText(kind, deferred), [kind, deferred]);
  const lineCount = text.split("\n").length;
  const badLines = new Set(check.ok ? [] : check.problems.map((p) => p.line));
  const serverProblems = (error?.details as { problems?: PolicyProblem[] } | undefined)?.problems ?? [];

  const trackCursor = () => {
    const el = area.current;
    if (el) setCursor(lineColumn(el.value, el.selectionStart));
  };
  const goTo = (p: PolicyProblem) => {
    const el = area.current;
    if (!el || p.line === null) return;
    const offset = el.value.split("\n").slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + (p.column ?? 1) - 1;
    el.focus();
    el.setSelectionRange(offset, offset);
    el.scrollTop = Math.max(0, (p.line - 6) * LINE);
    trackCursor();
  };
  const propose = () =>
    startPropose(async () => {
      setError(null);
      const r = await proposePolicyAction(org, { kind, document: text, note, basedOnVersion });
      if (!r.ok) return setError(r.error);
      router.push(`/o/${org}/settings/policies/${kind}/${r.data.version}`);
    });
  const dryRun = () =>
    startDry(async () => {
      setError(null);
      const r = await dryRunAction(org, { document: text });
      if (!r.ok) return setError(r.error);
      setDry({ text, hits: r.data });
    });

  return (
    <div className="min-w-0 space-y-3 self-start rounded border border-slate-200 bg-white p-4">
      <div>
        <div className="mb-1 flex items-end justify-between gap-2">
          <label htmlFor="policy-document" className="text-sm font-medium text-slate-700">Document (JSON)</label>
          <button type="button" onClick={() => setText(initialText)} disabled={text === initialText} className="text-xs font-medium text-slate-600 underline disabled:no-underline disabled:opacity-50">
            Undo all edits
          </button>
        </div>
        <div className="flex h-[26rem] overflow-hidden rounded border border-slate-300 bg-white focus-within:border-blue-600 focus-within:ring-1 focus-within:ring-blue-600 sm:h-[34rem]">
          <div ref={gutter} aria-hidden className="w-11 shrink-0 select-none overflow-hidden border-r border-slate-200 bg-slate-50 py-2 text-right font-mono text-[12.5px] leading-5 text-slate-400">
            {Array.from({ length: lineCount }, (_, i) => (
              <div key={i} className={`pr-2 ${badLines.has(i + 1) ? "bg-red-100 font-semibold text-red-700" : ""}`}>{i + 1}</div>
            ))}
          </div>
          <textarea
            id="policy-document"
            ref={area}
            value={text}
            wrap="off"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            aria-describedby="policy-check policy-cursor"
            aria-invalid={!check.ok}
            onChange={(e) => {
              setText(e.target.value);
              trackCursor();
            }}
            onSelect={trackCursor}
            onScroll={(e) => {
              if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
            }}
            className="h-full min-w-0 flex-1 resize-none overflow-auto px-3 py-2 font-mono text-[12.5px] leading-5 text-slate-900 outline-none"
          />
        </div>
        <div className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-slate-600">
          <span id="policy-cursor">Line {cursor.line}, column {cursor.column}</span>
          <span>{lineCount} lines</span>
        </div>
      </div>

      <CheckPanel check={check} kind={kind} goTo={goTo} />

      <label className="block text-sm font-medium text-slate-700">
        Note for the reviewer
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder="What changes, and why" className="mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal" />
      </label>

      <div className="flex flex-wrap items-center gap-2">
        {kind === "escalation" ? (
          <button type="button" onClick={dryRun} disabled={!check.ok || dryRunning} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50">
            {dryRunning ? "Running…" : "Dry run"}
          </button>
        ) : null}
        <button type="button" onClick={propose} disabled={!check.ok || proposing} className="rounded bg-blue-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-800 disabled:opacity-50">
          {proposing ? "Proposing…" : "Propose draft"}
        </button>
        {!check.ok ? <span className="text-sm text-slate-600">Fix the problems above first.</span> : null}
      </div>

      {error ? (
        <div role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{error.message}</p>
          {error.fields ? <p>{Object.values(error.fields).flat().join(" ")}</p> : null}
          {serverProblems.length > 3 ? (
            <ul className="mt-1 list-disc pl-5">{serverProblems.map((p, i) => <li key={i}>{p.message}</li>)}</ul>
          ) : null}
        </div>
      ) : null}

      {dry ? <DryRunTable org={org} hits={dry.hits} stale={dry.text !== text} /> : null}
    </div>
  );
}

function CheckPanel({ check, kind, goTo }: { check: ReturnType<typeof checkPolicyText>; kind: PolicyKind; goTo: (p: PolicyProblem) => void }) {
  const at = (p: PolicyProblem) => (p.line === null ? "" : `Line ${p.line}, column ${p.column}: `);
  let summary: string;
  if (check.ok) {
    const doc = check.doc as { rules?: unknown[]; goals?: unknown[]; calendars?: Record<string, unknown>; frameworks?: { controls: unknown[] }[]; mappings?: unknown[] };
    if (kind === "escalation") summary = `Valid: ${doc.rules!.length} ${doc.rules!.length === 1 ? "rule" : "rules"}.`;
    else if (kind === "frameworks") summary = `Valid: ${doc.frameworks!.length} frameworks, ${doc.frameworks!.reduce((n, f) => n + f.controls.length, 0)} controls, ${doc.mappings!.length} mappings.`;
    else summary = `Valid: ${Object.keys(doc.calendars!).length} calendars, ${doc.goals!.length} goals.`;
  } else if (check.syntax) {
    const p = check.problems[0]!;
    summary = `JSON syntax error at line ${p.line}, column ${p.column}.`;
  } else {
    summary = `${check.problems.length} ${check.problems.length === 1 ? "problem" : "problems"} with the ${{ sla: "policy", escalation: "rules", frameworks: "mapping" }[kind]}.`;
  }
  return (
    <div id="policy-check" className={`rounded border px-3 py-2 text-sm ${check.ok ? "border-green-200 bg-green-50 text-green-900" : "border-red-200 bg-red-50 text-red-900"}`}>
      <p role="status" className="font-medium">{summary}</p>
      {check.ok ? null : (
        <ul className="mt-1 space-y-0.5">
          {check.problems.map((p, i) => (
            <li key={i}>
              {p.line === null ? (
                p.message
              ) : (
                <button type="button" onClick={() => goTo(p)} className="text-left hover:underline">
                  <span className="font-mono text-xs">{at(p)}</span>
                  {p.message}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
