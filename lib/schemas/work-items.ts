// Request and response shapes for work items: validate server actions and API bodies, and generate the
// OpenAPI document (lib/api/openapi.ts), so the contract and the checks cannot drift apart.
import { z } from "zod";
import { DAY_RANGE_MESSAGE, dayInRange } from "../domain/days";
import { ITEM_REF } from "../domain/keys";
import { AGE_BUCKET_KEYS } from "../domain/metrics";
import { PRIORITIES, RESOLUTIONS, SEVERITIES, STAGES, WAITING_ON, WORK_ITEM_TYPES } from "../domain/vocabulary";

/** A UTC day for a filter, YYYY-MM-DD. */
const day = z.iso.date().refine(dayInRange, DAY_RANGE_MESSAGE);

const reason = z.string().trim().max(2000, "Keep the reason under 2,000 characters.");
const version = z.int("Send the item's current version (an integer).").min(1);
const id = z.uuid("Not a work item id.");

export const createWorkItemInput = z
  .object({
    type: z.enum(WORK_ITEM_TYPES),
    title: z.string().trim().min(3, "Give the item a title of at least 3 characters.").max(200, "Keep the title under 200 characters."),
    description: z.string().trim().max(10_000, "Keep the description under 10,000 characters.").default(""),
    severity: z.enum(SEVERITIES).default("medium"),
    identityId: z.uuid("Not an identity id.").nullish(),
    priority: z.enum(PRIORITIES).nullish().describe("Leave out to use the computed priority (identity tier × severity)."),
    priorityReason: reason.nullish().describe("Required when priority differs from the computed one."),
  })
  .meta({ id: "CreateWorkItem" });

export const transitionInput = z
  .object({
    to: z.enum(STAGES, "Unknown stage. Use one of: " + STAGES.join(", ") + "."),
    reason: reason.nullish(),
    version,
    resolution: z.enum(RESOLUTIONS).nullish().describe("Required when `to` is `closed`."),
    duplicateOf: z
      .union([id, z.string().trim().regex(ITEM_REF, "Name the original by its id, number or key (e.g. ACME-42).")])
      .nullish()
      .describe("The original item (id, number or key such as ACME-42), when closing as duplicate."),
    regressed: z.boolean().optional().describe("When reopening an item closed as remediated: the problem came back (counts against verified remediation)."),
  })
  .meta({ id: "Transition" });

export const moveInput = transitionInput.extend({ id });
export const priorityInput = z.object({ id, version, priority: z.enum(PRIORITIES), reason: reason.nullish() });
export const assignInput = z.object({ id, version, assigneeId: z.uuid().nullable() });
export const handOverInput = z.object({ id, version, waitingOn: z.enum(WAITING_ON), reason: reason.nullish() });
export const commentInput = z.object({ id, body: z.string().trim().min(1, "Write a comment first.").max(10_000, "Keep comments under 10,000 characters.") });
export { evidenceInput } from "./evidence";

export const listQuery = z
  .object({
    stage: z.enum(STAGES).optional(),
    type: z
      .string()
      .transform((s) => s.split(","))
      .pipe(z.array(z.enum(WORK_ITEM_TYPES)).min(1))
      .optional()
      .describe(`One type, or several separated by commas (e.g. \`revocation,privileged_offboarding\`). Types: ${WORK_ITEM_TYPES.join(", ")}.`),
    priority: z.enum(PRIORITIES).optional(),
    status: z.enum(["open", "closed"]).optional(),
    resolution: z.enum(RESOLUTIONS).optional().describe("Closed items closed with this resolution."),
    age: z.enum(AGE_BUCKET_KEYS).optional().describe("Open items by whole days since they were raised: 0-7d, 8-30d, 31-90d or 90d+ (the dashboard's age buckets)."),
    createdFrom: day.optional().describe("Items raised on or after this day (UTC)."),
    createdTo: day.optional().describe("Items raised before this day (UTC, exclusive)."),
    closedFrom: day.optional().describe("Items closed on or after this day (UTC)."),
    closedTo: day.optional().describe("Items closed before this day (UTC, exclusive)."),
    slaOutcome: z.enum(["met", "breached"]).optional().describe("Closed items an SLA applied to: closed within target, or after breaching it."),
    regressedFrom: day.optional().describe("Items that came back after remediation (reopened as regressed, or detected again) on or after this day (UTC)."),
    regressedTo: day.optional().describe("… before this day (UTC, exclusive)."),
    waitingOn: z.enum(WAITING_ON).optional(),
    assignee: z.union([z.literal("me"), z.literal("unassigned"), z.uuid()]).optional().describe("`me`, `unassigned` or a user id."),
    q: z.string().trim().max(200).optional().describe("Free text: title, or an item number such as 42 or ACME-42."),
    sla: z.enum(["at_risk", "breached"]).optional().describe("Open items with an SLA clock at risk (not yet breached), or breached."),
    sort: z.enum(["newest", "oldest", "priority", "updated", "sla"]).default("newest").describe("`sla`: open items, soonest SLA due first."),
    cursor: z.string().max(500).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .meta({ id: "WorkItemListQuery" });
export type ListQuery = z.infer<typeof listQuery>;

const clockOut = z
  .object({
    clock: z.enum(["response", "resolution", "decision"]).describe("`decision`: a risk acceptance waiting for the owners, one cycle per request or extension."),
    cycle: z.int().describe("1, then one more per reopen."),
    state: z.enum(["running", "paused", "met", "breached"]),
    atRisk: z.boolean().describe("The configured share of the target has elapsed (and it has not breached)."),
    goal: z.string().describe("The policy goal that set the target (first match wins)."),
    calendar: z.string(),
    targetMs: z.int(),
    elapsedMs: z.int().describe("Working time counted, without paused or out-of-hours time."),
    remainingMs: z.int().describe("Negative once breached."),
    dueAt: z.iso.datetime().nullable().describe("Running: when it falls due; breached: when it did; paused: if it resumed now; met: null."),
  })
  .meta({ id: "SlaClock" });

const slaOut = z
  .object({
    state: z.enum(["ok", "at_risk", "breached", "paused", "met", "none"]).describe("The worst current clock."),
    dueAt: z.iso.datetime().nullable().describe("Due time of that clock."),
    policyVersion: z.int().nullable(),
    clocks: z.array(clockOut),
  })
  .meta({ id: "Sla" });

export const workItemOut = z
  .object({
    id: z.uuid(),
    key: z.string().describe("Human key, e.g. ACME-42."),
    number: z.int(),
    type: z.enum(WORK_ITEM_TYPES),
    stage: z.enum(STAGES),
    resolution: z.enum(RESOLUTIONS).nullable(),
    title: z.string(),
    priority: z.enum(PRIORITIES),
    severity: z.enum(SEVERITIES),
    waitingOn: z.enum(WAITING_ON),
    assigneeId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    identityId: z.uuid().nullable(),
    identityName: z.string().nullable(),
    escalationLevel: z.int(),
    sla: slaOut,
    version: z.int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "WorkItem" });

export const workItemDetailOut = workItemOut
  .extend({
    description: z.string(),
    cycle: z.int(),
    implementedById: z.uuid().nullable(),
    priorityOverrideReason: z.string().nullable(),
    resolutionReason: z.string().nullable(),
    timeWaiting: z.object({ provider: z.int(), client: z.int(), third_party: z.int() }).describe("Seconds the item has waited on each party."),
  })
  .meta({ id: "WorkItemDetail" });

export const listOut = z.object({ items: z.array(workItemOut), nextCursor: z.string().nullable() }).meta({ id: "WorkItemPage" });

export const errorOut = z
  .object({ error: z.object({ code: z.string().describe("e.g. conflict:work_item.version"), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional(), details: z.unknown().optional() }) })
  .meta({ id: "Error" });

export type ApiWorkItem = z.infer<typeof workItemOut>;
