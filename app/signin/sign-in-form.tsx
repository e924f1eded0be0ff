"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

export function SignInForm({ callbackUrl, initialError, oidcName }: { callbackUrl: string; initialError: string | null; oidcName: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, start] = useTransition();

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setError(null);
    start(async () => {
      const res = await signIn("credentials", {
        email: String(form.get("email") ?? ""),
        password: String(form.get("password") ?? ""),
        redirect: false,
      });
      if (!res || res.error) {
        setError(res?.error && res.error !== "CredentialsSignin" ? res.error : "Sign-in failed. Try again.");
        return;
      }
      router.replace(callbackUrl);
      router.refresh();
    });
  }

  const input =
    "mt-1 block w-full rounded border border-slate-300 px-2.5 py-1.5 text-slate-900 shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30";
  return (
    <div>
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <div>
          <label htmlFor="email" className="font-medium text-slate-800">E-mail</label>
          <input id="email" name="email" type="email" autoComplete="username" required className={input} />
        </div>
        <div>
          <label htmlFor="password" className="font-medium text-slate-800">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required className={input} />
        </div>
        {error ? (
          <p role="alert" className="rounded border border-red-200 bg-red-50 px-2.5 py-2 text-red-800">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidcName ? (
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl })}
          className="mt-3 w-full rounded border border-slate-300 bg-white px-3 py-2 font-medium text-slate-800 hover:bg-slate-50"
        >
          Continue with {oidcName}
        </button>
      ) : null}
    </div>
  );
}
