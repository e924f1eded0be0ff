// Request and response shapes for risk acceptances (SPEC §5, §10): they validate the server actions and the API
// bodies, and generate the OpenAPI document.
import { z } from "zod";
import { ACCEPTANCE_STATUSES, DECISIONS, TREATMENTS } from "../domain/vocabulary";

const text = (min: number, max: number, what: string) =>
  z.string().trim().min(min, `Write the ${what} (at least ${min} characters).`).max(max, `Keep the ${what} under ${max.toLocaleString("en")} characters.`);

export const expiryInput = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], "Give the expiry as a date (YYYY-MM-DD) or an ISO 8601 date-time.")
  .describe("A date means the end of that day in the organisation's time zone; a date-time is taken as is.");

export const acceptanceRequestBody = z
  .object({
    justification: text(10, 4000, "justification"),
    treatment: z.enum(TREATMENTS, "Choose a treatment: accept, mitigate, transfer or avoid."),
    compensatingControls: text(3, 4000, "compensating controls"),
    accountableOwner: z.string().trim().min(1, "Name the accountable owner.").max(320).describe("A programme owner of the organisation, by user id or e-mail."),
    expiresAt: expiryInput,
  })
  .meta({ id: "RiskAcceptanceRequest" });

export const requestAcceptanceInput = acceptanceRequestBody.extend({
  id: z.uuid("Not a work item id."),
  version: z.int().min(1).optional().describe("The item's version, when the caller read it (a stale one gets 409)."),
});

export const decisionBody = z
  .object({
    decision: z.enum(DECISIONS, "Decide approve or reject."),
    comment: text(3, 4000, "comment"),
  })
  .meta({ id: "RiskAcceptanceDecision" });

export const decideAcceptanceInput = decisionBody.extend({ id: z.uuid("Not a risk acceptance id.") });

export const extensionBody = z
  .object({ justification: text(10, 4000, "justification"), expiresAt: expiryInput })
  .meta({ id: "RiskAcceptanceExtension" });

export const extendAcceptanceInput = extensionBody.extend({ id: z.uuid("Not a risk acceptance id.") });

export const withdrawAcceptanceInput = z.object({ id: z.uuid("Not a risk acceptance id."), reason: text(3, 2000, "reason") });

export const acceptanceOut = z
  .object({
    id: z.uuid(),
    workItemId: z.uuid(),
    itemKey: z.string(),
    status: z.enum(ACCEPTANCE_STATUSES),
    decisionWaiting: z.boolean().describe("The request, or an extension of it, waits for the owners."),
    treatment: z.enum(TREATMENTS),
    justification: z.string(),
    compensatingControls: z.string(),
    accountableOwnerId: z.uuid(),
    requestedById: z.uuid().nullable(),
    requestedAt: z.iso.datetime(),
    originalExpiresAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    extensionExpiresAt: z.iso.datetime().nullable(),
    round: z.int(),
    renewals: z.int(),
    approvalsRequired: z.int(),
    approvals: z.int().describe("Approvals so far in the current round."),
    decisions: z.array(
      z.object({ round: z.int(), deciderId: z.uuid(), decision: z.enum(DECISIONS), comment: z.string(), decidedAt: z.iso.datetime() }),
    ),
  })
  .meta({ id: "RiskAcceptance" });
