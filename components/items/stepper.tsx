// The six stages of the service cycle, with where this item stands.
import { labels, type Resolution, type Stage } from "@/lib/domain/vocabulary";
import { CYCLE } from "@/lib/domain/workflow";

export function Stepper({ stage, resolution }: { stage: Stage; resolution: Resolution | null }) {
  const current = stage === "closed" ? CYCLE.length : CYCLE.indexOf(stage);
  return (
    <ol aria-label="Service cycle" className="mb-4 grid grid-cols-3 gap-1 sm:grid-cols-7">
      {[...CYCLE, "closed" as const].map((s, i) => {
        const done = i < current || (s === "closed" && stage === "closed");
        const here = i === current;
        return (
          <li
            key={s}
            aria-current={here ? "step" : undefined}
            className={`rounded border px-2 py-1.5 text-xs ${
              here ? "border-blue-700 bg-blue-700 font-semibold text-white" : done ? "border-slate-300 bg-slate-100 text-slate-700" : "border-slate-200 bg-white text-slate-500"
            }`}
          >
            <span className="mr-1 tabular-nums opacity-70">{i + 1}</span>
            {labels.stage[s]}
            {s === "closed" && resolution ? <span className="sr-only">: {resolution.replace("_", " ")}</span> : null}
            {done && !here ? <span className="sr-only"> (done)</span> : null}
          </li>
        );
      })}
    </ol>
  );
}
