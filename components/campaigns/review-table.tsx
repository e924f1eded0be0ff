"use client";
// A run's reviews as a dense table. The assigned reviewer (a programme owner) selects their undecided rows and
// decides them in bulk, or one row at a time with its own justification; everyone else reads who decided what,
// and where each revocation got to.
import Link from "next/link";
import { Fragment, useState } from "react";
import { decideReviewsAction } from "@/app/(console)/o/[org]/campaigns/actions";
import { Badge } from "@/components/ui/badge";
import { Th, Thead } from "@/components/ui/table";
import { ErrorNote, useItemAction } from "@/components/items/use-action";
import { itemKey } from "@/lib/domain/keys";
import { labels, type ReviewDecision } from "@/lib/domain/vocabulary";
import type { ReviewRow } from "@/lib/queries/campaigns";
import { DecideBar } from "./decide-bar";
import { DecisionCell, RevocationCell } from "./review-cells";

export function ReviewTable({ org, rows, me, canDecide }: { org: string; rows: ReviewRow[]; me: string; canDecide: boolean }) {
  const { pending, error, run, reload } = useItemAction();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [inline, setInline] = useState<{ id: string; decision: ReviewDecision } | null>(null);
  const [inlineWhy, setInlineWhy] = useState("");
  const [outcome, setOutcome] = useState<{ text: string; revocations: number[] } | null>(null);
  const decidable = canDecide ? rows.filter((r) => r.reviewerId === me && r.decision === null) : [];
  const decidableIds = new Set(decidable.map((r) => r.id));
  const picked = [...selected].filter((id) => decidableIds.has(id));
  const showSelect = decidable.length > 0;

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const decide = (reviewIds: string[], decision: ReviewDecision, justification: string) =>
    run(
      async () => {
        setOutcome(null);
        const r = await decideReviewsAction(org, { reviewIds, decision, justification });
        if (r.ok) {
          const n = r.data.decided;
          setOutcome({ text: `${decision === "certify" ? "Certified" : "Revoked"} ${n} review${n === 1 ? "" : "s"}.`, revocations: r.data.revocations });
        }
        return r;
      },
      () => {
        setSelected(new Set());
        setInline(null);
        setInlineWhy("");
      },
    );

  const startDecision = (id: string, decision: ReviewDecision) => {
    setInline({ id, decision });
    setInlineWhy("");
  };
  const rowButtons = (r: ReviewRow) => (
    <span className="inline-flex gap-1">
      <button type="button" aria-label={`Certify ${r.identityName}`} onClick={() => startDecision(r.id, "certify")} className="rounded border border-green-300 bg-white px-2 py-0.5 text-xs font-medium text-green-800 hover:bg-green-50">
        Certify
      </button>
      <button type="button" aria-label={`Revoke ${r.identityName}`} onClick={() => startDecision(r.id, "revoke")} className="rounded border border-red-300 bg-white px-2 py-0.5 text-xs font-medium text-red-800 hover:bg-red-50">
        Revoke
      </button>
    </span>
  );

  return (
    <>
      {showSelect ? (
        <div className="mb-2 flex flex-wrap items-center gap-2 text-sm">
          <button
            type="button"
            onClick={() => setSelected(new Set(decidable.map((r) => r.id)))}
            className="rounded border border-slate-300 bg-white px-2.5 py-1 font-medium text-slate-800 hover:bg-slate-50"
          >
            Select all my undecided ({decidable.length})
          </button>
          <span className="text-slate-600">Only the assigned reviewer decides; rows assigned to you have a checkbox.</span>
        </div>
      ) : null}
      {picked.length > 0 ? <DecideBar count={picked.length} pending={pending} onDecide={(d, j) => decide(picked, d, j)} onClear={() => setSelected(new Set())} /> : null}
      {outcome ? (
        <div className="mb-2 flex flex-wrap items-center justify-between gap-3 rounded border border-green-200 bg-green-50 px-3 py-1.5 text-sm text-green-950">
          <span role="status">
            {outcome.text}
            {outcome.revocations.length ? (
              <>
                {" "}
                Raised for the provider:{" "}
                {outcome.revocations.map((n, i) => (
                  <Fragment key={n}>
                    {i ? ", " : ""}
                    <Link href={`/o/${org}/items/${n}`} className="font-mono font-medium underline">
                      {itemKey(org, n)}
                    </Link>
                  </Fragment>
                ))}
                .
              </>
            ) : null}
          </span>
          <button type="button" className="text-xs font-medium text-slate-700 hover:underline" onClick={() => setOutcome(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      <ErrorNote error={error} reload={reload} />
      {rows.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white px-4 py-8 text-center text-slate-600">No reviews match these filters.</p>
      ) : (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="w-full text-left">
            <caption className="sr-only">Access reviews of this run</caption>
            <Thead>
              {showSelect ? (
                <th scope="col" className="w-8 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label="Select all my undecided reviews on this page"
                    checked={picked.length === decidable.length}
                    onChange={(e) => setSelected(e.target.checked ? new Set(decidable.map((r) => r.id)) : new Set())}
                  />
                </th>
              ) : null}
              <Th>Identity</Th>
              <Th className="hidden 2xl:table-cell">System</Th>
              <Th className="hidden lg:table-cell">Tier</Th>
              <Th className="hidden md:table-cell">Reviewer</Th>
              <Th>Decision</Th>
              <Th className="hidden sm:table-cell">Items</Th>
              {canDecide ? <Th className="hidden text-right sm:table-cell"><span className="sr-only">Decide</span></Th> : null}
            </Thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => {
                const mine = decidableIds.has(r.id);
                const cols = 6 + (showSelect ? 1 : 0) + (canDecide ? 1 : 0);
                return (
                  <Fragment key={r.id}>
                    <tr data-testid="review-row" data-review={r.id} className={selected.has(r.id) && mine ? "bg-blue-50/70" : "hover:bg-slate-50"}>
                      {showSelect ? (
                        <td className="px-3 py-2 align-top">
                          {mine ? <input type="checkbox" aria-label={`Select ${r.identityName}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} /> : null}
                        </td>
                      ) : null}
                      <td className="w-[45%] px-3 py-2 align-top sm:w-auto sm:max-w-[22rem]">
                        <Link href={`/o/${org}/identities/${r.identityId}`} className="block font-medium text-slate-900 [overflow-wrap:anywhere] hover:text-blue-700 hover:underline sm:truncate" title={r.identityName}>
                          {r.identityName}
                        </Link>
                        <div className="mt-0.5 flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-xs text-slate-500">
                          <span>{labels.kind[r.kind]}</span>
                          <span className="2xl:hidden">· {r.system}</span>
                          <span className="lg:hidden">· {r.tier}</span>
                          {r.privileged ? <span className="lg:hidden"><Badge tone="risk">Privileged</Badge></span> : null}
                        </div>
                        <div className="mt-0.5 text-xs text-slate-500 md:hidden">Reviewer: {r.reviewerId === me ? "you" : r.reviewerName}</div>
                        <div className="mt-0.5 flex flex-wrap gap-x-2 text-xs sm:hidden">
                          <Link href={`/o/${org}/items/${r.reviewNumber}`} className="font-mono text-blue-700 hover:underline">{itemKey(org, r.reviewNumber)}</Link>
                          {r.revocationNumber !== null ? <RevocationCell org={org} r={r} /> : null}
                        </div>
                      </td>
                      <td className="hidden whitespace-nowrap px-3 py-2 align-top text-slate-700 2xl:table-cell">{r.system}</td>
                      <td className="hidden whitespace-nowrap px-3 py-2 align-top lg:table-cell">
                        <span className="text-slate-800">{r.tier}</span>
                        {r.privileged ? <span className="ml-1.5"><Badge tone="risk">Privileged</Badge></span> : null}
                      </td>
                      <td className="hidden whitespace-nowrap px-3 py-2 align-top text-slate-700 md:table-cell">
                        {r.reviewerId === me ? <span className="font-medium">You</span> : r.reviewerName}
                      </td>
                      <td className="min-w-[7rem] max-w-[20rem] px-3 py-2 align-top sm:min-w-[9rem]">
                        <DecisionCell r={r} />
                        {mine ? <div className="mt-1.5 sm:hidden">{rowButtons(r)}</div> : null}
                      </td>
                      <td className="hidden whitespace-nowrap px-3 py-2 align-top sm:table-cell">
                        <Link href={`/o/${org}/items/${r.reviewNumber}`} className="font-mono text-xs text-blue-700 hover:underline" title="The access review item">
                          {itemKey(org, r.reviewNumber)}
                        </Link>
                        {r.revocationNumber !== null ? (
                          <div className="mt-1">
                            <RevocationCell org={org} r={r} />
                          </div>
                        ) : null}
                      </td>
                      {canDecide ? (
                        <td className="hidden whitespace-nowrap px-3 py-2 text-right align-top sm:table-cell">
                          {mine ? rowButtons(r) : null}
                        </td>
                      ) : null}
                    </tr>
                    {inline?.id === r.id && mine ? (
                      <tr className="bg-slate-50">
                        <td colSpan={cols} className="px-3 py-2">
                          <form
                            aria-label={`${inline.decision === "certify" ? "Certify" : "Revoke"} ${r.identityName}`}
                            className="flex flex-wrap items-center gap-2"
                            onSubmit={(e) => {
                              e.preventDefault();
                              decide([r.id], inline.decision, inlineWhy);
                            }}
                          >
                            <label htmlFor={`why-${r.id}`} className="text-sm font-medium text-slate-700">
                              {inline.decision === "certify" ? "Keep access because" : "Revoke access because"}
                            </label>
                            <input
                              id={`why-${r.id}`}
                              autoFocus
                              required
                              minLength={3}
                              maxLength={2000}
                              value={inlineWhy}
                              onChange={(e) => setInlineWhy(e.target.value)}
                              className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-2 focus:outline-blue-600 sm:max-w-lg"
                            />
                            <button
                              type="submit"
                              disabled={pending || inlineWhy.trim().length < 3}
                              className={`rounded px-2.5 py-1 text-sm font-medium text-white disabled:opacity-50 ${inline.decision === "certify" ? "bg-green-700 hover:bg-green-800" : "bg-red-700 hover:bg-red-800"}`}
                            >
                              {inline.decision === "certify" ? "Certify" : "Revoke and raise item"}
                            </button>
                            <button type="button" onClick={() => setInline(null)} className="text-sm font-medium text-slate-600 hover:underline">
                              Cancel
                            </button>
                          </form>
                        </td>
                      </tr>
                    ) : null}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
