// The console's navigation: each entry names the permission that makes it visible.
import type { Permission } from "@/lib/domain/permissions";

export interface NavItem {
  href: (slug: string) => string;
  label: string;
  permission: Permission;
  segment: string;
}

export const NAV_ITEMS: NavItem[] = [
  { href: (s) => `/o/${s}/queue`, label: "Work queue", permission: "read:work_item", segment: "queue" },
  { href: (s) => `/o/${s}/identities`, label: "Identities", permission: "read:identity", segment: "identities" },
  { href: (s) => `/o/${s}/settings/members`, label: "Members", permission: "manage:membership", segment: "settings" },
];
