// A line diff between two versions of a policy document (rendered on the server). Added and removed lines
// are coloured and also marked with + and − and, for screen readers, the words "added" and "removed".
// Long unchanged stretches fold to a few lines of context.
import { diffLines } from "diff";

type Line = { kind: "same" | "add" | "del"; text: string; oldNo: number | null; newNo: number | null };
type Row = Line | { kind: "fold"; count: number };

const CONTEXT = 3;

function lines(oldText: string, newText: string): Line[] {
  const out: Line[] = [];
  let o = 1;
  let n = 1;
  for (const part of diffLines(oldText, newText)) {
    const texts = part.value.replace(/\n$/, "").split("\n");
    for (const text of texts) {
      if (part.added) out.push({ kind: "add", text, oldNo: null, newNo: n++ });
      else if (part.removed) out.push({ kind: "del", text, oldNo: o++, newNo: null });
      else out.push({ kind: "same", text, oldNo: o++, newNo: n++ });
    }
  }
  return out;
}

function fold(all: Line[]): Row[] {
  const near = all.map((_, i) => all.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.kind !== "same"));
  const rows: Row[] = [];
  let hidden = 0;
  all.forEach((l, i) => {
    if (near[i]) {
      if (hidden) rows.push({ kind: "fold", count: hidden });
      hidden = 0;
      rows.push(l);
    } else hidden++;
  });
  if (hidden) rows.push({ kind: "fold", count: hidden });
  return rows;
}

const look = {
  add: { row: "bg-green-50", mark: "+", word: "Added", text: "text-green-900" },
  del: { row: "bg-red-50", mark: "−", word: "Removed", text: "text-red-900" },
  same: { row: "", mark: " ", word: "", text: "text-slate-700" },
} as const;

export function PolicyDiff({ oldText, newText, caption }: { oldText: string; newText: string; caption: string }) {
  const all = lines(oldText, newText);
  const added = all.filter((l) => l.kind === "add").length;
  const removed = all.filter((l) => l.kind === "del").length;
  if (!added && !removed) return <p className="text-sm text-slate-600">No differences: the two documents are the same.</p>;
  return (
    <div>
      <p className="mb-2 text-sm text-slate-700">
        <span className="font-medium text-green-800">{added} {added === 1 ? "line" : "lines"} added</span>,{" "}
        <span className="font-medium text-red-800">{removed} removed</span>.
      </p>
      <div className="overflow-x-auto rounded border border-slate-200">
        <table className="w-full border-collapse font-mono text-[12.5px] leading-5">
          <caption className="sr-only">{caption}</caption>
          <thead className="sr-only">
            <tr><th scope="col">Old line</th><th scope="col">New line</th><th scope="col">Change</th><th scope="col">Text</th></tr>
          </thead>
          <tbody>
            {fold(all).map((r, i) =>
              r.kind === "fold" ? (
                <tr key={i} className="bg-slate-50 text-slate-500">
                  <td colSpan={4} className="px-3 py-0.5 font-sans text-xs">… {r.count} unchanged {r.count === 1 ? "line" : "lines"}</td>
                </tr>
              ) : (
                <tr key={i} className={look[r.kind].row} data-change={r.kind}>
                  <td className="w-10 select-none px-2 text-right align-top text-slate-400">{r.oldNo ?? ""}</td>
                  <td className="w-10 select-none px-2 text-right align-top text-slate-400">{r.newNo ?? ""}</td>
                  <td className={`w-5 select-none text-center align-top font-semibold ${look[r.kind].text}`}>
                    <span aria-hidden>{look[r.kind].mark}</span>
                    {look[r.kind].word ? <span className="sr-only">{look[r.kind].word}</span> : null}
                  </td>
                  <td className={`whitespace-pre pr-3 ${look[r.kind].text}`}>{r.text}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** The document with line numbers. */
export function PolicyText({ text, label }: { text: string; label: string }) {
  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-slate-50">
      <pre aria-label={label} className="py-2 font-mono text-[12.5px] leading-5 text-slate-800">
        {text.split("\n").map((line, i) => (
          <div key={i} className="flex">
            <span aria-hidden className="w-10 shrink-0 select-none pr-3 text-right text-slate-400">{i + 1}</span>
            <span className="whitespace-pre pr-3">{line}</span>
          </div>
        ))}
      </pre>
    </div>
  );
}
