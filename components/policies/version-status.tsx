// How a policy version's status and dates read everywhere on the policies pages.
import { Badge } from "@/components/ui/badge";
import { shortDate } from "@/components/ui/format";

const tone = { active: "ok", draft: "accent", retired: "neutral" } as const;
const word = { active: "Active", draft: "Draft", retired: "Retired" } as const;

export function VersionStatus({ status }: { status: "draft" | "active" | "retired" }) {
  return <Badge tone={tone[status]}>{word[status]}</Badge>;
}

/** "4 Jun 2026, 14:05 UTC": activations are rare enough that the minute matters. */
export function when(d: Date | null): string {
  if (!d) return "—";
  return `${shortDate(d)}, ${d.toISOString().slice(11, 16)} UTC`;
}
