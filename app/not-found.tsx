import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto mt-24 max-w-lg px-4">
      <p className="font-mono text-sm font-semibold text-slate-500">404 · Not found</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight">There is nothing at this address</h1>
      <p className="mt-3 text-slate-600">The page may have moved, or the link may be mistyped.</p>
      <Link href="/" className="mt-6 inline-block rounded bg-slate-900 px-3 py-2 font-medium text-white hover:bg-slate-700">
        Back to the console
      </Link>
    </main>
  );
}
