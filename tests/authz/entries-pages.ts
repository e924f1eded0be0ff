// The rows of the authorization matrix for console pages: each page under app/(console) with the permission it
// declares (`requirePermission(ctx, "…")`, checked against the file) and who may open it. A page is opened with
// a session, never a token: anonymous visitors are sent to sign-in (401 here), everyone else refused gets the
// 403 page. The decision is lib/auth/page-access.ts, which requireOrg and requirePermission apply.
import { pageAccess } from "@/lib/auth/page-access";
import { isToken } from "@/lib/auth/principal";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Permission } from "@/lib/domain/permissions";
import type { CallContext, MatrixEntry, Who } from "./matrix";

const READERS: Who[] = ["analyst", "lead", "owner", "executive"];
const MEMBERS: Who[] = ["analyst", "lead", "owner", "executive", "admin"];
const O = "app/(console)/o/[org]";

function page(path: string, permission: Permission | null, allowed: Who[]): MatrixEntry {
  return {
    kind: "page",
    file: `${O}${path}/page.tsx`,
    export: "default",
    binds: permission ? `requirePermission(ctx, "${permission}")` : "requireOrg(org)",
    allowed,
    call: async (c: CallContext) => {
      if (c.principal && isToken(c.principal)) return { status: 401 };
      const access = pageAccess(c.principal as SessionUser | null, c.team.org.slug, permission);
      return access.ok ? { status: 200 } : { status: access.status };
    },
  };
}

export const ENTRIES: MatrixEntry[] = [
  page("", null, MEMBERS),
  page("/queue", "read:work_item", READERS),
  page("/dashboard", "read:dashboard", READERS),
  page("/portfolio", "read:dashboard", READERS),
  page("/reports/monthly", "read:dashboard", READERS),
  page("/items/[id]", "read:work_item", READERS),
  page("/items/new", "create:work_item", ["analyst", "lead", "owner"]),
  page("/inbox", "read:notification", READERS),
  page("/decisions", "decide:risk_acceptance", ["owner"]),
  page("/exceptions", "read:risk_acceptance", READERS),
  page("/evidence-pack", "export:evidence_pack", ["lead", "owner", "executive"]),
  page("/identities", "read:identity", READERS),
  page("/identities/[id]", "read:identity", READERS),
  page("/campaigns", "read:campaign", READERS),
  page("/campaigns/new", "manage:campaign", ["lead", "owner"]),
  page("/campaigns/[id]", "read:campaign", READERS),
  page("/intake", "run:intake", ["analyst", "lead"]),
  page("/settings/policies", "read:policy", READERS),
  page("/settings/policies/[kind]/[version]", "read:policy", READERS),
  page("/settings/policies/[kind]/new", "propose:policy", ["lead", "owner"]),
  page("/settings/members", "manage:membership", ["admin"]),
  page("/settings/tokens", "manage:api_token", ["admin"]),
  page("/settings/deliveries", "read:delivery", ["lead", "owner", "admin"]),
];
