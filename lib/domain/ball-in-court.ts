// Ball in court (SPEC §2): an open item always waits on someone; the time each party held it is kept.
import type { WaitingOn } from "./vocabulary";

export interface CourtState {
  waitingOn: WaitingOn;
  waitingSince: Date;
  providerSeconds: number;
  clientSeconds: number;
  thirdPartySeconds: number;
}

const field = { provider: "providerSeconds", client: "clientSeconds", third_party: "thirdPartySeconds" } as const;

/**
 * Credits the time since `waitingSince` to the party that held the item and starts the clock for `next`.
 * `running` is false while the item is closed, so closed time is never credited to anyone.
 */
export function passCourt(s: CourtState, next: WaitingOn, now: Date, running = true): CourtState {
  const held = running ? Math.max(0, Math.floor((now.getTime() - s.waitingSince.getTime()) / 1000)) : 0;
  const key = field[s.waitingOn];
  const out: CourtState = {
    waitingOn: next,
    waitingSince: now,
    providerSeconds: s.providerSeconds,
    clientSeconds: s.clientSeconds,
    thirdPartySeconds: s.thirdPartySeconds,
  };
  out[key] += held;
  return out;
}

/** Seconds each party has held the item, including the running stretch. */
export function courtTotals(s: CourtState, now: Date, running: boolean): Record<WaitingOn, number> {
  const t = running ? passCourt(s, s.waitingOn, now) : s;
  return { provider: t.providerSeconds, client: t.clientSeconds, third_party: t.thirdPartySeconds };
}
