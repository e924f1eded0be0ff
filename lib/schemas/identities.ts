// GET /api/v1/identities and /api/v1/identities/{id} (SPEC §7, §10): the inventory's query string and what it
// answers, for the route and the OpenAPI document (lib/api/openapi.ts).
import { z } from "zod";
import { CONSUMER_KINDS, IDENTITY_KINDS, IDENTITY_STATUSES, TIERS } from "../domain/vocabulary";

const flag = (what: string) => z.enum(["true", "false"]).optional().transform((v) => v === "true").describe(what);

export const identitiesQuery = z
  .object({
    kind: z.enum(IDENTITY_KINDS).optional(),
    tier: z.enum(TIERS).optional(),
    orphaned: flag("`true`: only identities with no owner."),
    privileged: flag("`true`: only privileged identities."),
    rotationOverdue: flag("`true`: only credentials past their rotation period."),
    expiring: flag("`true`: only identities expired or expiring within 30 days."),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: "IdentitiesQuery" });

const when = z.iso.datetime().nullable();

export const identityOut = z
  .object({
    id: z.uuid(),
    kind: z.enum(IDENTITY_KINDS),
    name: z.string(),
    system: z.string(),
    externalId: z.string(),
    owner: z.object({ name: z.string().nullable(), email: z.string().nullable(), active: z.boolean() }).nullable().describe("Null: orphaned."),
    purpose: z.string().nullable(),
    tier: z.enum(TIERS),
    privileged: z.boolean(),
    status: z.enum(IDENTITY_STATUSES),
    source: z.string().describe("`manual` or the intake format it came from."),
    heldBy: z.uuid().nullable().describe("The identity holding this credential (an AWS user's access key), if any."),
    interactiveAccess: z.boolean(),
    accessRemovedAt: when.describe("When the source took a person's interactive access away."),
    createdAt: z.iso.datetime(),
    lastUsedAt: when,
    lastRotatedAt: when,
    rotationPeriodDays: z.int().nullable(),
    rotationDueAt: when,
    expiresAt: when,
  })
  .meta({ id: "Identity" });
export type IdentityOut = z.infer<typeof identityOut>;

export const identityPageOut = z.object({ items: z.array(identityOut), nextCursor: z.string().nullable() }).meta({ id: "IdentityPage" });

export const consumerOut = z
  .object({ id: z.uuid(), kind: z.enum(CONSUMER_KINDS), name: z.string(), detail: z.string().nullable(), source: z.string(), addedAt: z.iso.datetime() })
  .meta({ id: "IdentityConsumerOut" });

export const identityDetailOut = identityOut.extend({ consumers: z.array(consumerOut) }).meta({ id: "IdentityDetail" });
