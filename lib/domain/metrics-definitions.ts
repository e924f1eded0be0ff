// The definitions under the dashboard and in the monthly report: the same words as docs/metrics.md.
export const METRIC_DEFINITIONS: { term: string; text: string }[] = [
  { term: "Period", text: "Whole days in UTC, from the first day up to (not including) the last. “Now” figures are as of the moment the page was loaded." },
  { term: "Backlog", text: "Open items now, by stage, priority, type, and whole days since they were raised (0–7, 8–30, 31–90, over 90)." },
  { term: "Backlog over time", text: "Per week (Monday, UTC): items raised, items closed, and the open items at the week's end." },
  { term: "At risk / breached now", text: "Open items whose SLA clock has used its at-risk share of the target but not the target / has passed a target." },
  { term: "SLA compliance", text: "Of the items closed in the period that an SLA applied to, the share closed without breaching a target in the cycle they closed in." },
  {
    term: "Revocation time",
    text: "For revocations and privileged offboardings closed as remediated in the period: hours from the moment access should end (the item was raised) to verified closure. Median and 90th percentile, interpolated between ranks; per week by closure.",
  },
  { term: "Rotation time", text: "The same for secret rotations." },
  {
    term: "Exceptions",
    text: "Risk acceptances now: active (approved), expiring within 30 days, expired awaiting a decision (nobody asked to renew and the item is open), and renewals (approved extensions, in total).",
  },
  { term: "Orphaned identities", text: "Active identities with no owner, not counting credentials held by another identity." },
  { term: "Standing privileged", text: "Active identities marked privileged." },
  { term: "Overdue for rotation", text: "Active keys, tokens, certificates and secrets past their last rotation (or creation) plus their rotation period, or past their expiry." },
  { term: "Waiting on client vs provider", text: "For items closed in the period, the hours each party held them (ball in court)." },
  {
    term: "Verified vs regressed",
    text: "Items closed as remediated in the period (closure as remediated needs a verifier other than the implementer; an access review's decision is its sign-off), and items whose remediation came back in the period.",
  },
];
