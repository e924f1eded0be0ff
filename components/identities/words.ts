// How the inventory's stored words read on screen: where an identity or consumer came from, the rule that raised
// an item, and the tone of an identity's status.
import type { Tone } from "@/components/ui/badge";
import type { IdentityStatus } from "@/lib/domain/vocabulary";

const SOURCES: Record<string, string> = {
  manual: "Entered by hand",
  gitleaks: "gitleaks import",
  trufflehog: "TruffleHog import",
  "github-secret-scanning": "GitHub secret scanning import",
  "aws-credential-report": "AWS credential report import",
  "scim-users": "SCIM import",
  csv: "CSV import",
};

export const sourceLabel = (s: string) => SOURCES[s] ?? `${s} import`;

const RULES: Record<string, string> = {
  rotation_due: "Rotation due",
  orphaned: "Orphaned",
  deactivated_access: "Deactivated, still holds access",
};

export const ruleLabel = (r: string) => RULES[r] ?? r;

export const statusTone: Record<IdentityStatus, Tone> = { active: "ok", disabled: "neutral", revoked: "breach" };

export const when = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;

export const statusLabel = (s: IdentityStatus) => s[0]!.toUpperCase() + s.slice(1);
