import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current";
import { landingPath } from "@/lib/auth/landing";

export default async function Home() {
  const user = await getCurrentUser();
  if (!user) redirect("/signin");
  const first = user.memberships[0];
  if (!first) {
    return (
      <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 bg-white p-6">
        <h1 className="text-lg font-semibold">No organisation yet</h1>
        <p className="mt-2 text-slate-600">
          You are signed in as {user.email}, but you are not a member of any organisation. Ask an administrator to add you.
        </p>
      </main>
    );
  }
  redirect(landingPath(first));
}
