import type { Tone } from "@/components/ui/badge";
import type { Priority } from "@/lib/domain/vocabulary";

export const priorityTone: Record<Priority, Tone> = { P1: "breach", P2: "risk", P3: "accent", P4: "neutral" };
