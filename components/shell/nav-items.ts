// The console's navigation: each entry names the permission that makes it visible.
import type { Permission } from "@/lib/domain/permissions";

export interface NavItem {
  href: (slug: string) => string;
  label: string;
  permission: Permission;
  /** Route segments under /o/[org]/ that belong to this entry (highlighted when current). */
  segments: string[];
  /** A count beside the label: the person's unread notifications, or the risk acceptances waiting for a decision. */
  badge?: "unread" | "waiting";
}

export const NAV_ITEMS: NavItem[] = [
  { href: (s) => `/o/${s}/dashboard`, label: "Dashboard", permission: "read:dashboard", segments: ["dashboard", "portfolio", "reports"] },
  { href: (s) => `/o/${s}/queue`, label: "Work queue", permission: "read:work_item", segments: ["queue", "items"] },
  { href: (s) => `/o/${s}/inbox`, label: "Inbox", permission: "read:notification", segments: ["inbox"], badge: "unread" },
  { href: (s) => `/o/${s}/decisions`, label: "Decisions", permission: "decide:risk_acceptance", segments: ["decisions"], badge: "waiting" },
  { href: (s) => `/o/${s}/exceptions`, label: "Exceptions", permission: "read:risk_acceptance", segments: ["exceptions"] },
  { href: (s) => `/o/${s}/intake`, label: "Intake", permission: "run:intake", segments: ["intake"] },
  { href: (s) => `/o/${s}/identities`, label: "Identities", permission: "read:identity", segments: ["identities"] },
  { href: (s) => `/o/${s}/campaigns`, label: "Access reviews", permission: "read:campaign", segments: ["campaigns"] },
  { href: (s) => `/o/${s}/settings/policies`, label: "Policies", permission: "read:policy", segments: ["settings/policies"] },
  { href: (s) => `/o/${s}/settings/members`, label: "Members", permission: "manage:membership", segments: ["settings/members"] },
  { href: (s) => `/o/${s}/settings/tokens`, label: "API tokens", permission: "manage:api_token", segments: ["settings/tokens"] },
  { href: (s) => `/o/${s}/settings/deliveries`, label: "Deliveries", permission: "read:delivery", segments: ["settings/deliveries"] },
];
