"use client";
// Issue and revoke API tokens. The secret is shown once, right after issuing; only its hash is kept.
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { issueTokenAction, revokeTokenAction } from "@/app/(console)/o/[org]/settings/tokens/actions";
import { API_SCOPES, type ApiScope } from "@/lib/domain/vocabulary";

const field = "mt-1 block w-full rounded border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal";
const scopeText: Record<ApiScope, string> = {
  "items:read": "Read work items and identities",
  "items:write": "Raise work items and move them through the cycle (implies items:read)",
  "intake:write": "Import findings and identities (for the intake API)",
};

export function IssueTokenForm({ org }: { org: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["items:read"]);
  const [days, setDays] = useState(30);
  const [issued, setIssued] = useState<{ secret: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          const r = await issueTokenAction(org, { name, scopes, days });
          if (!r.ok) return setError([r.error.message, ...Object.values(r.error.fields ?? {}).flat()].join(" "));
          setIssued(r.data);
          setName("");
          router.refresh();
        });
      }}
    >
      <h2 className="font-semibold text-slate-900">Issue a token</h2>
      <label className="block text-sm font-medium text-slate-700">
        Integration name
        <input className={field} value={name} onChange={(e) => setName(e.target.value)} required minLength={3} placeholder="e.g. Gitleaks CI pipeline" />
      </label>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Scopes</legend>
        {API_SCOPES.map((s) => (
          <label key={s} className="mt-1 flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-0.5" checked={scopes.includes(s)} onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))} />
            <span><code className="font-mono">{s}</code> — {scopeText[s]}</span>
          </label>
        ))}
      </fieldset>
      <label className="block text-sm font-medium text-slate-700">
        Lifetime in days (at most 90)
        <input type="number" min={1} max={90} className={`${field} w-28`} value={days} onChange={(e) => setDays(Number(e.target.value))} required />
      </label>
      <button type="submit" disabled={pending} className="rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800 disabled:opacity-60">Issue token</button>
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
      {issued ? (
        <div role="status" className="rounded border border-green-300 bg-green-50 p-3 text-sm">
          <p className="font-medium text-green-900">Copy this token now: it is not shown again.</p>
          <div className="mt-1 flex items-start gap-2">
            <code className="block min-w-0 flex-1 break-all rounded bg-white px-2 py-1 font-mono text-slate-900" data-testid="new-token">{issued.secret}</code>
            <CopyButton text={issued.secret} />
          </div>
          <p className="mt-1 text-green-900">Expires {issued.expiresAt.slice(0, 10)}. Send it as <code>Authorization: Bearer …</code>.</p>
        </div>
      ) : null}
    </form>
  );
}

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="shrink-0 rounded border border-green-400 bg-white px-2 py-1 text-xs font-medium text-green-900 hover:bg-green-100"
      onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true), () => setCopied(false))}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}

export function RevokeButton({ org, id, name }: { org: string; id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={pending}
        className="rounded border border-red-300 bg-white px-2 py-1 text-xs font-medium text-red-700 hover:bg-red-50 disabled:opacity-50"
        onClick={() => {
          if (!window.confirm(`Revoke “${name}”? Integrations using it stop working at once.`)) return;
          start(async () => {
            const r = await revokeTokenAction(org, { id });
            if (r.ok) router.refresh();
            else setError(r.error.message);
          });
        }}
      >
        Revoke
      </button>
      {error ? <span role="alert" className="ml-2 text-xs text-red-700">{error}</span> : null}
    </>
  );
}
