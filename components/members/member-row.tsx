"use client";
import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { ROLES, labels, type Role } from "@/lib/domain/vocabulary";
import type { ActionResult } from "@/lib/actions/mutation";

type Act = (org: string, input: unknown) => Promise<ActionResult<unknown>>;

export interface MemberView {
  userId: string;
  name: string;
  email: string;
  role: Role;
  isProviderStaff: boolean;
  disabled: boolean;
  lastLogin: string;
  self: boolean;
}

export function MemberRow({ org, m, actions }: { org: string; m: MemberView; actions: { changeRole: Act; remove: Act; setDisabled: Act } }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const run = (fn: () => Promise<ActionResult<unknown>>) =>
    start(async () => {
      setError(null);
      const r = await fn();
      if (!r.ok) setError(r.error.message);
    });
  const btn = "rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50";

  return (
    <tr className={pending ? "opacity-60" : undefined}>
      <td className="px-3 py-2">
        <div className="font-medium text-slate-900">
          {m.name} {m.self ? <span className="text-xs font-normal text-slate-500">(you)</span> : null}
        </div>
        <div className="text-xs text-slate-500">{m.email}</div>
        {error ? <p role="alert" className="mt-1 text-xs text-red-700">{error}</p> : null}
      </td>
      <td className="hidden px-3 py-2 text-slate-700 sm:table-cell">{m.isProviderStaff ? "Provider" : "Client"}</td>
      <td className="px-3 py-2">
        <label className="sr-only" htmlFor={`role-${m.userId}`}>Role of {m.name}</label>
        <select
          id={`role-${m.userId}`}
          defaultValue={m.role}
          disabled={pending || m.self}
          onChange={(e) => run(() => actions.changeRole(org, { userId: m.userId, role: e.target.value }))}
          className="rounded border border-slate-300 bg-white px-2 py-1"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>{labels.role[r]}</option>
          ))}
        </select>
      </td>
      <td className="px-3 py-2">{m.disabled ? <Badge tone="breach">Disabled</Badge> : <Badge tone="ok">Active</Badge>}</td>
      <td className="whitespace-nowrap px-3 py-2 text-slate-600">{m.lastLogin}</td>
      <td className="whitespace-nowrap px-3 py-2 text-right">
        {m.self ? null : (
          <span className="inline-flex gap-1.5">
            <button type="button" className={btn} disabled={pending} onClick={() => run(() => actions.setDisabled(org, { userId: m.userId, disabled: !m.disabled }))}>
              {m.disabled ? "Enable account" : "Disable account"}
            </button>
            <button
              type="button"
              className={`${btn} text-red-700`}
              disabled={pending}
              onClick={() => {
                if (window.confirm(`Remove ${m.name} from this organisation? They lose access on their next request.`)) {
                  run(() => actions.remove(org, { userId: m.userId }));
                }
              }}
            >
              Remove
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}
