// The rows of the authorization matrix for the identity inventory (SPEC §7): owner, classification, consumers
// (the dependency map) and confirming a consumer on a rotation item. Analysts, leads and programme owners keep the
// owner and the map; classifying is for leads and owners; a confirmation is evidence, so provider staff only.
import crypto from "node:crypto";
import { performMutation, type ActionResult } from "@/lib/actions/mutation";
import { addConsumer, classifyIdentity, confirmConsumer, removeConsumer, setIdentityOwner } from "@/lib/actions/inventory";
import { identityConsumers } from "@/lib/db/schema";
import { statusOf } from "@/lib/errors";
import { createIdentity, createWorkItem } from "../helpers/factories";
import type { CallContext, MatrixEntry, Outcome } from "./matrix";

const IDENTITIES = "app/(console)/o/[org]/identities/actions.ts";

function outcome(r: ActionResult<unknown>): Outcome {
  return r.ok ? { status: 200 } : { status: statusOf(r.error.code), code: r.error.code };
}

/** A consumer of a fresh identity of the team's organisation, written directly. */
async function consumerOf(c: CallContext) {
  const identity = await createIdentity(c.db, c.team.org.id);
  const [k] = await c.db
    .insert(identityConsumers)
    .values({ organisationId: c.team.org.id, identityId: identity.id, kind: "workload", name: `billing-${crypto.randomBytes(3).toString("hex")}`, detail: "env STRIPE_API_KEY" })
    .returning();
  return { identity, consumer: k! };
}

/** A rotation in implementation whose identity has one unconfirmed consumer. */
async function rotationWithConsumer(c: CallContext) {
  const { identity, consumer } = await consumerOf(c);
  const item = await createWorkItem(c.db, c.team.org.id, { type: "secret_rotation", stage: "implementation", identityId: identity.id });
  return { item, consumer };
}

const run = (c: CallContext, def: Parameters<typeof performMutation>[3], input: unknown) => performMutation(c.db, c.principal, c.team.org.slug, def, input).then(outcome);

export const ENTRIES: MatrixEntry[] = [
  {
    kind: "action", file: IDENTITIES, export: "setIdentityOwnerAction", binds: "refreshingMutation(setIdentityOwner)", allowed: ["analyst", "lead", "owner"],
    call: (c) => run(c, setIdentityOwner, { identityId: c.team.identity.id, ownerName: "Dana Whitfield", ownerEmail: "dana@client.example" }),
  },
  {
    kind: "action", file: IDENTITIES, export: "classifyIdentityAction", binds: "refreshingMutation(classifyIdentity)", allowed: ["lead", "owner"],
    call: (c) => run(c, classifyIdentity, { identityId: c.team.identity.id, tier: "T1", privileged: true, rotationPeriodDays: 90, reason: "Holds production payment access." }),
  },
  {
    kind: "action", file: IDENTITIES, export: "addConsumerAction", binds: "refreshingMutation(addConsumer)", allowed: ["analyst", "lead", "owner"],
    call: (c) => run(c, addConsumer, { identityId: c.team.identity.id, kind: "pipeline", name: `deploy-${crypto.randomBytes(3).toString("hex")}`, detail: "GitHub Actions" }),
  },
  {
    kind: "action", file: IDENTITIES, export: "removeConsumerAction", binds: "refreshingMutation(removeConsumer)", allowed: ["analyst", "lead", "owner"],
    call: async (c) => run(c, removeConsumer, { consumerId: (await consumerOf(c)).consumer.id, reason: "The service was retired." }),
  },
  {
    kind: "action", file: IDENTITIES, export: "confirmConsumerAction", binds: "refreshingMutation(confirmConsumer)", allowed: ["analyst", "lead"],
    call: async (c) => {
      const { item, consumer } = await rotationWithConsumer(c);
      return run(c, confirmConsumer, { id: item.id, consumerId: consumer.id, outcome: "updated", summary: "Deployed with the new key; no calls with the old one since." });
    },
  },
];
