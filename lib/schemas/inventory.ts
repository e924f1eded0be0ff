// Request shapes for the identity inventory (SPEC §7): owner and classification changes, consumers (the
// dependency map) and their confirmation on rotation and revocation items.
import { z } from "zod";
import { CONSUMER_KINDS, CONSUMER_OUTCOMES, TIERS } from "../domain/vocabulary";
import { evidenceSummary } from "./evidence";

const identityId = z.uuid("Not an identity id.");
const reason = z.string().trim().max(2000, "Keep the reason under 2,000 characters.");

export const ownerInput = z
  .object({
    identityId,
    ownerName: z.string().trim().max(200).nullish().transform((s) => s || null),
    ownerEmail: z
      .email("Give the owner's e-mail address, or leave it empty.")
      .max(320)
      .nullish()
      .or(z.literal("").transform(() => null))
      .transform((s) => s?.toLowerCase() || null),
    reason: reason.nullish(),
  })
  .refine((o) => o.ownerName || o.ownerEmail || o.reason, { path: ["reason"], message: "Leaving an identity without an owner makes it orphaned: say why." })
  .meta({ id: "IdentityOwner" });

export const classifyInput = z
  .object({
    identityId,
    tier: z.enum(TIERS),
    privileged: z.boolean(),
    rotationPeriodDays: z.coerce.number().int().min(1).max(3650).nullish(),
    reason: reason.min(3, "Say why the classification changes."),
  })
  .meta({ id: "IdentityClassification" });

export const consumerInput = z
  .object({
    identityId,
    kind: z.enum(CONSUMER_KINDS),
    name: z.string().trim().min(2, "Name the system, workload or pipeline.").max(300),
    detail: z.string().trim().max(500).nullish().transform((s) => s || null),
  })
  .meta({ id: "IdentityConsumer" });

export const removeConsumerInput = z.object({ consumerId: z.uuid("Not a consumer id."), reason: reason.min(3, "Say why this consumer no longer uses the credential.") });

export const confirmConsumerInput = z
  .object({
    id: z.uuid("Not a work item id."),
    consumerId: z.uuid("Not a consumer id."),
    outcome: z.enum(CONSUMER_OUTCOMES),
    evidenceId: z.uuid().nullish().describe("Evidence already on the item that shows it; or give a summary (and a link) to record new evidence."),
    summary: evidenceSummary.nullish(),
    url: z.url({ protocol: /^https?$/, error: "A link needs its address (http or https)." }).nullish().or(z.literal("").transform(() => null)),
  })
  .refine((c) => c.evidenceId || c.summary, { path: ["summary"], message: "Confirming a consumer needs evidence: pick a record on the item or describe what shows it." })
  .meta({ id: "ConsumerConfirmation" });
