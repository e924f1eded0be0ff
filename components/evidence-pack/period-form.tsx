// The pack's period: two dates in a plain GET form (no script needed), `to` being the first day left out, and
// whether to group the pack by framework control as well.
const field = "rounded border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-800 focus:outline-2 focus:outline-blue-600";

export function PeriodForm({ action, from, to, groupBy = "item", error }: { action: string; from: string; to: string; groupBy?: "item" | "framework"; error?: string | null }) {
  return (
    <form action={action} method="get" className="mb-4 rounded border border-slate-200 bg-white p-3" data-print="hide" aria-label="Period">
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600">
          From (included)
          <input type="date" name="from" defaultValue={from} required className={field} />
        </label>
        <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600">
          To (not included)
          <input type="date" name="to" defaultValue={to} required className={field} />
        </label>
        <label className="flex flex-col gap-0.5 text-xs font-medium text-slate-600">
          Show
          <select name="groupBy" defaultValue={groupBy} className={field}>
            <option value="item">Items in closing order</option>
            <option value="framework">Group by framework</option>
          </select>
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1.5 font-medium text-white hover:bg-slate-700">
          Show pack
        </button>
      </div>
      <p className="mt-2 text-xs text-slate-500">Days run midnight to midnight in the organisation&apos;s time zone. For May, choose 1 May to 1 June.</p>
      {error ? (
        <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      ) : null}
    </form>
  );
}
