import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto mt-24 max-w-lg px-4">
      <p className="font-mono text-sm font-semibold text-red-700">403 · Forbidden</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600">
        Either the organisation in this address is not one you belong to, or your role there does not include this page.
        If you think you should have access, ask your administrator to check your membership.
      </p>
      <Link href="/" className="mt-6 inline-block rounded bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-700">
        Back to your organisations
      </Link>
    </main>
  );
}
