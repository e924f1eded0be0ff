"use server";
import { revalidatePath } from "next/cache";
import { mutation } from "@/lib/actions/server-mutation";
import { markAllNotificationsRead, markNotificationsRead } from "@/lib/actions/notifications";

const markRead = mutation(markNotificationsRead);
const markAll = mutation(markAllNotificationsRead);

// The layout carries the unread count in the navigation, so it is revalidated too.
export async function markReadAction(org: string, input: unknown) {
  const r = await markRead(org, input);
  if (r.ok) revalidatePath(`/o/${org}`, "layout");
  return r;
}

export async function markAllReadAction(org: string, input: unknown) {
  const r = await markAll(org, input);
  if (r.ok) revalidatePath(`/o/${org}`, "layout");
  return r;
}
