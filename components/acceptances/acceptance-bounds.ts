// The expiry dates a form may offer: from tomorrow to the policy's maximum for the item's priority, as dates in
// the organisation's time zone (a date means the end of that day there).
import { DateTime } from "luxon";
import { durationWords, type ExceptionTier } from "@/lib/domain/exception-policy";
import type { Priority } from "@/lib/domain/vocabulary";
import type { ExpiryBounds } from "./acceptance-forms";

export function expiryBounds(tier: ExceptionTier, priority: Priority, timeZone: string, now: number): ExpiryBounds {
  const today = DateTime.fromMillis(now, { zone: timeZone });
  // The last whole day whose end still falls within the maximum.
  const last = DateTime.fromMillis(now + tier.maxExpiryMs, { zone: timeZone }).minus({ days: 1 });
  return { min: today.plus({ days: 1 }).toISODate()!, max: last.toISODate()!, rule: `${durationWords(tier.maxExpiry)} for a ${priority} item` };
}
