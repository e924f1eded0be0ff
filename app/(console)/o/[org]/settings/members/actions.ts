"use server";
import { revalidatePath } from "next/cache";
import { mutation } from "@/lib/actions/server-mutation";
import { changeMemberRole, removeMember, setAccountDisabled } from "@/lib/actions/members";

const changeRole = mutation(changeMemberRole);
const remove = mutation(removeMember);
const disable = mutation(setAccountDisabled);

export async function changeRoleAction(org: string, input: unknown) {
  const r = await changeRole(org, input);
  if (r.ok) revalidatePath(`/o/${org}/settings/members`);
  return r;
}

export async function removeMemberAction(org: string, input: unknown) {
  const r = await remove(org, input);
  if (r.ok) revalidatePath(`/o/${org}/settings/members`);
  return r;
}

export async function setDisabledAction(org: string, input: unknown) {
  const r = await disable(org, input);
  if (r.ok) revalidatePath(`/o/${org}/settings/members`);
  return r;
}
