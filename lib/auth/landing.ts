// Where a person lands in an organisation: the first page their role may open.
import { can } from "../domain/permissions";
import type { MembershipView } from "./session-user";

export function landingPath(m: MembershipView): string {
  // Executives read the programme's state first; everyone else starts from the work.
  if (m.role === "executive") return `/o/${m.slug}/dashboard`;
  if (can(m.role, "read:work_item")) return `/o/${m.slug}/queue`;
  if (can(m.role, "manage:membership")) return `/o/${m.slug}/settings/members`;
  return `/o/${m.slug}/identities`;
}
