// The demo organisations' first SLA and escalation policies (version 1, active): P1 on the clock around the
// clock, the rest on office hours in the organisation's own time zone, with its public holidays.
import type { SlaPolicyDocument } from "../domain/sla/policy";
import type { EscalationDocument } from "../domain/escalation/rules";
import { DEFAULT_FRAMEWORKS } from "../domain/frameworks";

const weekdays = (rows: { start: `${number}:${number}`; end: `${number}:${number}` }[]) =>
  Object.fromEntries(["1", "2", "3", "4", "5"].map((d) => [d, rows]));

const HOLIDAYS: Record<string, { date: string; annual?: boolean; name: string }[]> = {
  "Europe/London": [
    { date: "2020-12-25", annual: true, name: "Christmas Day" },
    { date: "2020-12-26", annual: true, name: "Boxing Day" },
    { date: "2020-01-01", annual: true, name: "New Year's Day" },
    { date: "2026-12-28", name: "Boxing Day (substitute)" },
  ],
  default: [
    { date: "2020-12-25", annual: true, name: "Christmas Day" },
    { date: "2020-01-01", annual: true, name: "New Year's Day" },
    { date: "2026-11-26", name: "Thanksgiving" },
  ],
};

export function defaultSlaPolicy(timeZone: string): SlaPolicyDocument {
  return {
    atRiskShare: 0.75,
    calendars: {
      "24x7": { kind: "24x7", timeZone },
      office: { kind: "business", timeZone, week: weekdays([{ start: "08:30", end: "12:30" }, { start: "13:30", end: "17:30" }]), holidays: HOLIDAYS[timeZone] ?? HOLIDAYS.default! },
    },
    goals: [
      { name: "P1: around the clock", match: { priority: ["P1"] }, response: { within: "PT1H", calendar: "24x7" }, resolution: { within: "PT24H", calendar: "24x7" }, decision: { within: "PT8H", calendar: "24x7" } },
      { name: "P2: office hours", match: { priority: ["P2"] }, response: { within: "PT4H", calendar: "office" }, resolution: { within: "PT40H", calendar: "office" }, decision: { within: "PT16H", calendar: "office" } },
      { name: "Leaked secrets", match: { type: ["finding_remediation", "secret_rotation"] }, response: { within: "PT8H", calendar: "office" }, resolution: { within: "PT80H", calendar: "office" }, decision: { within: "PT24H", calendar: "office" } },
      { name: "Everything else", match: {}, response: { within: "PT16H", calendar: "office" }, resolution: { within: "PT160H", calendar: "office" }, decision: { within: "PT40H", calendar: "office" } },
    ],
  };
}

export const DEFAULT_ESCALATIONS: EscalationDocument = {
  rules: [
    { id: "p1-at-risk", when: { clock: "resolution", atRisk: true, priority: ["P1", "P2"] }, then: { level: 1, notify: ["assignee", "lead"] } },
    { id: "breach", when: { clock: "resolution", breached: true }, then: { level: 2, notify: ["lead", "owner"] } },
    { id: "breach-2d", when: { clock: "resolution", breachedFor: "P2D" }, then: { level: 3, notify: ["executive"] } },
    { id: "response-late", when: { clock: "response", breached: true }, then: { level: 1, notify: ["lead"] } },
    { id: "decision-late", when: { clock: "decision", breached: true }, then: { level: 2, notify: ["owner", "executive"] } },
    { id: "exception-expiring", when: { exceptionExpiresWithin: "P7D" }, then: { notify: ["owner", "assignee"] } },
    // Access reviews run on their campaign's due date (the "deadline" clock), not on the SLA policy's clocks.
    { id: "review-overdue", when: { clock: "deadline", breached: true, type: ["access_review"] }, then: { level: 1, notify: ["assignee", "lead"] } },
    { id: "review-overdue-3d", when: { clock: "deadline", breachedFor: "P3D", type: ["access_review"] }, then: { level: 2, notify: ["owner", "executive"] } },
  ],
  exceptions: {
    P1: { approvals: 2, maxExpiry: "P30D" },
    P2: { approvals: 1, maxExpiry: "P90D" },
    P3: { approvals: 1, maxExpiry: "P180D" },
    P4: { approvals: 1, maxExpiry: "P365D" },
  },
};

/**
 * Version 1 of each policy kind for an organisation, active: proposed by the lead and activated by the client's
 * owner (or standing alone where the organisation has no owner yet), as agreed at onboarding.
 */
export function initialPolicies(
  organisationId: string,
  timeZone: string,
  p: { proposedById: string; proposedAt: Date; activatedById: string | null; activatedAt: Date },
) {
  return (["sla", "escalation", "frameworks"] as const).map((kind) => ({
    organisationId,
    kind,
    version: 1,
    document: (kind === "sla" ? defaultSlaPolicy(timeZone) : kind === "escalation" ? DEFAULT_ESCALATIONS : DEFAULT_FRAMEWORKS) as unknown,
    status: "active" as const,
    note: "Initial policy agreed at onboarding.",
    ...p,
  }));
}
