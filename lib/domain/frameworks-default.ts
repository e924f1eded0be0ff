// The framework mapping every organisation starts from, until a programme owner activates a version of its own
// (docs/decisions/010-framework-alignment.md explains each choice). Identifiers and titles as published:
// - NIST CSF 2.0 (NIST CSWP 29, February 2024): subcategory statements, as reproduced e.g. on
//   https://csf.tools/reference/nist-cybersecurity-framework/v2-0/pr/pr-aa/pr-aa-01/ (and .../gv-rr/gv-rr-02/).
// - OWASP Top 10 Non-Human Identities Risks 2025: https://owasp.org/www-project-non-human-identities-top-10/2025/top-10-2025
// - CSA MAESTRO (Multi-Agent Environment, Security, Threat, Risk, and Outcome; Ken Huang, Cloud Security Alliance
//   blog, 6 February 2025): seven layers plus cross-layer threats, e.g. the layer list at
//   https://agentic-threat-modeling.github.io/MAESTRO/playbook/01-layers.html
import type { FrameworksDocument } from "./frameworks";

const NIST = "nist-csf-2.0";
const NHI = "owasp-nhi-2025";
const MAESTRO = "csa-maestro";
const nist = (ref: string) => `${NIST}:${ref}`;
const nhi = (n: number) => `${NHI}:NHI${n}`;
const layer = (ref: string) => `${MAESTRO}:${ref}`;

export const DEFAULT_FRAMEWORKS: FrameworksDocument = {
  frameworks: [
    {
      id: NIST,
      name: "NIST CSF 2.0",
      version: "2.0",
      controls: [
        { ref: "GV.RR-02", title: "Roles, responsibilities, and authorities related to cybersecurity risk management are established, communicated, understood, and enforced" },
        { ref: "GV.RR-04", title: "Cybersecurity is included in human resources practices" },
        { ref: "ID.AM-08", title: "Systems, hardware, software, services, and data are managed throughout their life cycles" },
        { ref: "ID.RA-01", title: "Vulnerabilities in assets are identified, validated, and recorded" },
        { ref: "ID.RA-06", title: "Risk responses are chosen, prioritized, planned, tracked, and communicated" },
        { ref: "ID.RA-07", title: "Changes and exceptions are managed, assessed for risk impact, recorded, and tracked" },
        { ref: "PR.AA-01", title: "Identities and credentials for authorized users, services, and hardware are managed by the organization" },
        {
          ref: "PR.AA-05",
          title: "Access permissions, entitlements, and authorizations are defined in a policy, managed, enforced, and reviewed, and incorporate the principles of least privilege and separation of duties",
        },
        { ref: "DE.CM-09", title: "Computing hardware and software, runtime environments, and their data are monitored to find potentially adverse events" },
      ],
    },
    {
      id: NHI,
      name: "OWASP Top 10 Non-Human Identities Risks",
      version: "2025",
      controls: [
        { ref: "NHI1", title: "Improper Offboarding" },
        { ref: "NHI2", title: "Secret Leakage" },
        { ref: "NHI3", title: "Vulnerable Third-Party NHI" },
        { ref: "NHI4", title: "Insecure Authentication" },
        { ref: "NHI5", title: "Overprivileged NHI" },
        { ref: "NHI6", title: "Insecure Cloud Deployment Configurations" },
        { ref: "NHI7", title: "Long-Lived Secrets" },
        { ref: "NHI8", title: "Environment Isolation" },
        { ref: "NHI9", title: "NHI Reuse" },
        { ref: "NHI10", title: "Human Use of NHI" },
      ],
    },
    {
      id: MAESTRO,
      name: "CSA MAESTRO",
      version: "2025-02",
      controls: [
        { ref: "L1", title: "Foundation Models" },
        { ref: "L2", title: "Data Operations" },
        { ref: "L3", title: "Agent Frameworks" },
        { ref: "L4", title: "Deployment and Infrastructure" },
        { ref: "L5", title: "Evaluation and Observability" },
        { ref: "L6", title: "Security and Compliance" },
        { ref: "L7", title: "Agent Ecosystem" },
        { ref: "CL", title: "Cross-layer threats" },
      ],
    },
  ],
  mappings: [
    {
      match: { type: ["revocation", "privileged_offboarding"] },
      refs: [nist("PR.AA-01"), nist("PR.AA-05"), nhi(1), layer("L6")],
      note: "Access and credentials that should end are removed: offboarding done properly.",
    },
    { match: { type: ["privileged_offboarding"] }, refs: [nist("GV.RR-04")], note: "A leaver's privileged access ends with their employment." },
    {
      match: { type: ["privileged_onboarding", "access_request"] },
      refs: [nist("PR.AA-01"), nist("PR.AA-05"), nhi(5), layer("L6")],
      note: "Access is requested, approved and granted no wider than needed.",
    },
    { match: { type: ["access_review", "recertification"] }, refs: [nist("PR.AA-05"), nhi(5), layer("L6")], note: "Entitlements are reviewed; what is not needed is revoked." },
    { match: { type: ["secret_rotation"] }, refs: [nist("PR.AA-01"), nhi(7), layer("L4")], note: "Credentials are rotated so none lives too long." },
    { match: { type: ["finding_remediation"] }, refs: [nist("ID.RA-01"), nist("DE.CM-09"), nhi(2), layer("L4")], note: "A leaked secret found by a scanner is dealt with." },
    { match: { type: ["orphan_assignment"] }, refs: [nist("GV.RR-02"), nist("ID.AM-08"), nhi(1), layer("L6")], note: "Every identity has an accountable owner." },
    { match: { type: ["exception_review"] }, refs: [nist("ID.RA-06"), nist("ID.RA-07"), layer("L6")], note: "Accepted risks are decided, recorded, tracked and reviewed." },
    { match: { rule: ["rotation_due"] }, refs: [nhi(7)], note: "Raised because a credential is past its rotation period or expiry." },
    { match: { rule: ["orphaned"] }, refs: [nist("GV.RR-02"), nhi(1)], note: "Raised because an active identity has no owner, or a deactivated one." },
    { match: { rule: ["deactivated_access"] }, refs: [nist("GV.RR-04"), nhi(1)], note: "Raised because a person who left still holds keys or privileged access." },
  ],
};
