"use server";
import { revalidatePath } from "next/cache";
import { mutation } from "@/lib/actions/server-mutation";
import { retryDelivery } from "@/lib/actions/notifications";

const retry = mutation(retryDelivery);

export async function retryDeliveryAction(org: string, input: unknown) {
  const r = await retry(org, input);
  if (r.ok) revalidatePath(`/o/${org}/settings/deliveries`);
  return r;
}
