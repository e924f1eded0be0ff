// Default priority from the identity's criticality tier and the finding's severity (SPEC §2).
import type { Priority, Severity, Tier } from "./vocabulary";

const MATRIX: Record<Tier, Record<Severity, Priority>> = {
  T1: { critical: "P1", high: "P1", medium: "P2", low: "P3" },
  T2: { critical: "P1", high: "P2", medium: "P3", low: "P3" },
  T3: { critical: "P2", high: "P3", medium: "P3", low: "P4" },
  T4: { critical: "P3", high: "P3", medium: "P4", low: "P4" },
};

export function defaultPriority(tier: Tier | null | undefined, severity: Severity): Priority {
  return MATRIX[tier ?? "T3"][severity];
}
