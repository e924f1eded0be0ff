// Ball in court (SPEC §2): time is credited to whoever held the item, and never while it is closed.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { courtTotals, passCourt, type CourtState } from "@/lib/domain/ball-in-court";
import { WAITING_ON, type WaitingOn } from "@/lib/domain/vocabulary";

const t0 = new Date("2026-11-02T09:00:00Z");
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const start: CourtState = { waitingOn: "provider", waitingSince: t0, providerSeconds: 0, clientSeconds: 0, thirdPartySeconds: 0 };

describe("ball in court", () => {
  it("credits each stretch to the party that held the item", () => {
    let s = passCourt(start, "client", at(30)); // provider held it 30 min
    s = passCourt(s, "third_party", at(90)); // client held it 60 min
    s = passCourt(s, "provider", at(100)); // third party 10 min
    expect(s).toEqual({ waitingOn: "provider", waitingSince: at(100), providerSeconds: 1800, clientSeconds: 3600, thirdPartySeconds: 600 });
    expect(courtTotals(s, at(130), true)).toEqual({ provider: 3600, client: 3600, third_party: 600 });
  });

  it("credits nobody while the item is closed", () => {
    const closed = passCourt(start, "provider", at(60)); // closed at 60 min
    expect(courtTotals(closed, at(600), false)).toEqual({ provider: 3600, client: 0, third_party: 0 });
    const reopened = passCourt(closed, "provider", at(600), false);
    expect(courtTotals(reopened, at(610), true)).toEqual({ provider: 4200, client: 0, third_party: 0 });
  });

  it("never loses or invents time: the totals add up to the open time", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom<WaitingOn>(...WAITING_ON), fc.integer({ min: 0, max: 10_000 })), { maxLength: 30 }), (hops) => {
        let s = start;
        let minutes = 0;
        for (const [party, after] of hops) {
          minutes += after;
          s = passCourt(s, party, at(minutes));
        }
        const totals = courtTotals(s, at(minutes + 5), true);
        expect(totals.provider + totals.client + totals.third_party).toBe((minutes + 5) * 60);
      }),
    );
  });
});
