// The console's navigation: each entry names the permission that makes it visible.
import type { Permission } from "@/lib/domain/permissions";

export interface NavItem {
  href: (slug: string) => string;
  label: string;
  permission: Permission;
  /** Route segments under /o/[org]/ that belong to this entry (highlighted when current). */
  segments: string[];
  /** Shows the signed-in person's unread notifications as a count beside the label. */
  unreadBadge?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { href: (s) => `/o/${s}/queue`, label: "Work queue", permission: "read:work_item", segments: ["queue", "items"] },
  { href: (s) => `/o/${s}/inbox`, label: "Inbox", permission: "read:notification", segments: ["inbox"], unreadBadge: true },
  { href: (s) => `/o/${s}/exceptions`, label: "Exceptions", permission: "read:risk_acceptance", segments: ["exceptions"] },
  { href: (s) => `/o/${s}/identities`, label: "Identities", permission: "read:identity", segments: ["identities"] },
  { href: (s) => `/o/${s}/settings/policies`, label: "Policies", permission: "read:policy", segments: ["settings/policies"] },
  { href: (s) => `/o/${s}/settings/members`, label: "Members", permission: "manage:membership", segments: ["settings/members"] },
  { href: (s) => `/o/${s}/settings/tokens`, label: "API tokens", permission: "manage:api_token", segments: ["settings/tokens"] },
  { href: (s) => `/o/${s}/settings/deliveries`, label: "Deliveries", permission: "read:delivery", segments: ["settings/deliveries"] },
];
