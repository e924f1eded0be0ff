// Shared pieces of the inventory's small forms: one look for fields, a field's own error under it (tied to the
// input with aria-describedby), and the form's alert with the server's message and any error no field shows.
export type FormError = { code: string; message: string; fields?: Record<string, string[]> } | null;

export const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal text-slate-900 aria-[invalid=true]:border-red-500";
export const labelText = "block text-sm font-medium text-slate-700";
export const primary = "rounded bg-slate-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-50";
export const secondary = "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

const errorsOf = (error: FormError, name: string) => error?.fields?.[name] ?? [];

/** aria props for an input named `name` (its error, when there is one, has id `${id}-error`). */
export function describedBy(error: FormError, name: string, id: string, help?: string) {
  const bad = errorsOf(error, name).length > 0;
  const ids = [help, bad ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": bad || undefined, "aria-describedby": ids || undefined };
}

export function FieldError({ error, name, id }: { error: FormError; name: string; id: string }) {
  const msgs = errorsOf(error, name);
  if (msgs.length === 0) return null;
  return (
    <span id={`${id}-error`} className="mt-1 block text-xs font-normal text-red-700">
      {msgs.join(" ")}
    </span>
  );
}

/** The server's message; errors about fields the form does not show (`shown`) are spelled out here. */
export function FormAlert({ error, shown }: { error: FormError; shown: string[] }) {
  if (!error) return null;
  const rest = Object.entries(error.fields ?? {})
    .filter(([k]) => !shown.includes(k))
    .flatMap(([, v]) => v);
  return (
    <p role="alert" className="rounded border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {error.message}
      {rest.length ? ` ${rest.join(" ")}` : ""}
    </p>
  );
}
