// The exception register's query string and its rows, for GET /api/v1/risk-acceptances and the OpenAPI
// document (lib/api/openapi.ts).
import { z } from "zod";
import { ACCEPTANCE_STATUSES, PRIORITIES, TREATMENTS } from "../domain/vocabulary";

/** The register's tabs; each one's meaning is defined in SQL in lib/queries/risk-acceptances.ts. */
export const REGISTER_FILTERS = ["all", "pending", "active", "expiring", "expired_awaiting", "closed"] as const;
export type RegisterFilter = (typeof REGISTER_FILTERS)[number];

/** "Expiring" looks this far ahead. */
export const EXPIRING_WITHIN_DAYS = 30;

export const registerQuery = z
  .object({
    filter: z
      .enum(REGISTER_FILTERS)
      .default("all")
      .describe(
        "`pending`: a decision is awaited (a request, or an extension/renewal round). `active`: approved, in force. `expiring`: approved and expiring within 30 days. " +
          "`expired_awaiting`: expired, not renewed or re-decided since, no newer acceptance for the item, item still open. `closed`: rejected, withdrawn, or expired and since dealt with.",
      ),
    q: z.string().trim().max(200).optional().describe("Free text: item title, item number or key (42, ACME-42), or the accountable owner's name."),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    format: z.enum(["json", "csv"]).default("json").describe("`csv`: every matching row (not one page) as a CSV download."),
  })
  .meta({ id: "RiskAcceptanceRegisterQuery" });
export type RegisterQuery = z.infer<typeof registerQuery>;

const when = z.iso.datetime();

export const registerEntryOut = z
  .object({
    id: z.uuid().describe("The risk acceptance."),
    itemId: z.uuid(),
    itemKey: z.string().describe("e.g. ACME-42."),
    itemNumber: z.int(),
    itemTitle: z.string(),
    priority: z.enum(PRIORITIES),
    accountableOwnerId: z.uuid(),
    accountableOwner: z.string().describe("The accountable owner's name."),
    requestedBy: z.string().nullable().describe("The requester's name; null when an API token asked."),
    requestedByToken: z.boolean().describe("An integration (API token) asked."),
    treatment: z.enum(TREATMENTS),
    status: z.enum(ACCEPTANCE_STATUSES),
    decisionWaiting: z.boolean().describe("A decision is awaited: the request, or an extension/renewal round."),
    expiredAwaitingDecision: z.boolean().describe("Expired and not re-decided (see the `expired_awaiting` filter)."),
    requestedAt: when,
    originalExpiresAt: when.describe("The expiry of the first approval; kept through extensions."),
    expiresAt: when.describe("The expiry in force (while the request is pending: the expiry asked for)."),
    extensionExpiresAt: when.nullable().describe("While an extension/renewal round waits: the expiry asked for."),
    endedAt: when.nullable().describe("When it was rejected, withdrawn or expired."),
    round: z.int().describe("1 for the request, one more per extension asked for."),
    renewals: z.int().describe("Approved extensions."),
    approvals: z.int().describe("Approvals so far in the current round."),
    approvalsRequired: z.int().describe("Distinct programme owners whose approval the round needs."),
  })
  .meta({ id: "RiskAcceptanceRegisterEntry" });
export type RegisterEntry = z.infer<typeof registerEntryOut>;

export const registerPageOut = z.object({ items: z.array(registerEntryOut), nextCursor: z.string().nullable() }).meta({ id: "RiskAcceptanceRegisterPage" });

/** The CSV's columns, in order (the header row). */
export const REGISTER_CSV_COLUMNS = [
  "key",
  "title",
  "priority",
  "accountable_owner",
  "requested_by",
  "treatment",
  "status",
  "decision_waiting",
  "expired_awaiting_decision",
  "requested_at",
  "original_expires_at",
  "expires_at",
  "extension_expires_at",
  "renewals",
  "approvals",
  "approvals_required",
] as const;
