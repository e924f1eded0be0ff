import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo";
import { labels, type Role } from "@/lib/domain/vocabulary";
import { env } from "@/lib/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

const ERRORS: Record<string, string> = {
  NoAccount: "Single sign-on worked, but there is no console account for that e-mail. Ask your administrator.",
  NoEmail: "Your identity provider did not share an e-mail address.",
  SessionRequired: "Sign in to continue.",
};

function safeCallback(raw: string | string[] | undefined): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/";
}

export default async function SignInPage({ searchParams }: PageProps<"/signin">) {
  const sp = await searchParams;
  const callbackUrl = safeCallback(sp.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const errorKey = typeof sp.error === "string" ? sp.error : undefined;
  const demo = env.demoMode
    ? DEMO_USERS.map((u) => ({
        email: u.email,
        name: u.name,
        summary: describeRoles(u.roles),
      }))
    : null;

  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <div className="text-base font-semibold tracking-tight">
            <span className="mr-1.5 inline-block h-3 w-3 rounded-sm bg-blue-600 align-middle" aria-hidden />
            Wrapper Ops Console
          </div>
          <p className="mt-1 text-slate-600">Identity-security remediation, run as a service.</p>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          <SignInForm
            callbackUrl={callbackUrl}
            initialError={errorKey ? (ERRORS[errorKey] ?? "Sign-in failed. Try again.") : null}
            oidcName={env.oidc?.name ?? null}
          />
        </div>
      </div>
      {demo ? (
        <section aria-labelledby="demo-logins" className="mt-6 w-full max-w-2xl rounded-lg border border-dashed border-slate-300 bg-white/60 p-4">
          <h2 id="demo-logins" className="font-semibold">Demo logins</h2>
          <p className="mt-0.5 text-slate-600">
            Demo mode. Every account uses the password <code className="rounded bg-slate-100 px-1 font-mono">{DEMO_PASSWORD}</code>.
          </p>
          <table className="mt-3 w-full text-left">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="py-1 pr-3 font-medium">Account</th>
                <th className="py-1 font-medium">Roles</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {demo.map((u) => (
                <tr key={u.email}>
                  <td className="py-1.5 pr-3 font-mono text-[13px]">{u.email}</td>
                  <td className="py-1.5 text-slate-700">{u.summary}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </main>
  );
}

function describeRoles(roles: Partial<Record<string, Role>>): string {
  const byRole = new Map<Role, string[]>();
  for (const [slug, role] of Object.entries(roles)) if (role) byRole.set(role, [...(byRole.get(role) ?? []), slug]);
  return [...byRole].map(([role, slugs]) => `${labels.role[role]} in ${slugs.join(", ")}`).join("; ");
}
