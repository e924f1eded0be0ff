// The rows of the authorization matrix for notifications (issue 4). tests/authz/all.ts joins every entries file.
import { performMutation, type ActionResult } from "@/lib/actions/mutation";
import { markAllNotificationsRead, markNotificationsRead, retryDelivery } from "@/lib/actions/notifications";
import { isToken } from "@/lib/auth/principal";
import { deliveries, notifications } from "@/lib/db/schema";
import { statusOf } from "@/lib/errors";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const INBOX = "app/(console)/o/[org]/inbox/actions.ts";
const DELIVERIES = "app/(console)/o/[org]/settings/deliveries/actions.ts";
const READERS = ["analyst", "lead", "owner", "executive"] as const;

function outcome(r: ActionResult<unknown>): Outcome {
  return r.ok ? { status: 200 } : { status: statusOf(r.error.code), code: r.error.code };
}

const mutate = async (c: CallContext, def: Parameters<typeof performMutation>[3], input: unknown) => outcome(await performMutation(c.db, c.principal, c.team.org.slug, def, input));

/** An unread notification in the team's organisation for the caller (or, for callers without one, a member). */
async function notificationFor(c: CallContext) {
  const userId = c.principal && !isToken(c.principal) ? c.principal.id : c.team.as("analyst").id;
  const [row] = await c.db.insert(notifications).values({ organisationId: c.team.org.id, userId, subject: "ACME-1 P1: Resolution SLA breached", body: "The resolution clock is breached." }).returning();
  return row!;
}

async function failedDelivery(c: CallContext) {
  const [row] = await c.db
    .insert(deliveries)
    .values({ organisationId: c.team.org.id, channel: "webhook", recipient: "https://hooks.example/x", subject: "s", body: "b", payload: {}, status: "failed", attempts: 8, lastError: "HTTP 500" })
    .returning();
  return row!;
}

export const ENTRIES: MatrixEntry[] = [
  { kind: "action", file: INBOX, export: "markReadAction", binds: "mutation(markNotificationsRead)", allowed: READERS, call: async (c) => mutate(c, markNotificationsRead, { ids: [(await notificationFor(c)).id] }) },
  {
    kind: "action", file: INBOX, export: "markAllReadAction", binds: "mutation(markAllNotificationsRead)", allowed: READERS,
    call: async (c) => {
      await notificationFor(c);
      return mutate(c, markAllNotificationsRead, {});
    },
  },
  { kind: "action", file: DELIVERIES, export: "retryDeliveryAction", binds: "mutation(retryDelivery)", allowed: ["lead", "admin"], call: async (c) => mutate(c, retryDelivery, { id: (await failedDelivery(c)).id }) },
];
