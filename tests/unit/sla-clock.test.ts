// SLA calendars and clocks (SPEC §3): hand-computed examples and the invariants, property-based.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addWorkingMs, workingMs, type Calendar } from "@/lib/domain/sla/calendar";
import { cyclesOf, readClock, type Cycle, type HistoryPoint } from "@/lib/domain/sla/clock";

const H = 3_600_000;
const utc = (s: string) => Date.parse(s);

// Mon–Fri 09:00–12:30 and 13:30–17:30 (7.5 h a day) in London; Christmas every year, 28 Dec 2026 once.
const office: Calendar = {
  kind: "business",
  timeZone: "Europe/London",
  week: Object.fromEntries(
    [1, 2, 3, 4, 5].map((d) => [d, [{ start: "09:00", end: "12:30" }, { start: "13:30", end: "17:30" }]]),
  ) as Extract<Calendar, { kind: "business" }>["week"],
  holidays: [{ date: "2020-12-25", annual: true, name: "Christmas Day" }, { date: "2026-12-28", name: "Boxing Day (substitute)" }],
};
const always: Calendar = { kind: "24x7", timeZone: "UTC" };
const sevenDays: Calendar = { kind: "business", timeZone: "Europe/London", week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: "00:00", end: "24:00" }]])), holidays: [] };

describe("business calendar, by hand", () => {
  it("counts only office hours and skips weekends and holidays", () => {
    // Thu 24 Dec 16:00 → 17:30 is 1.5 h; Fri 25 (Christmas), the weekend and Mon 28 (holiday) count nothing;
    // Tue 29: 09:00–12:30 is 3.5 h, then 13:30–16:30 brings the total to 8 h.
    const created = utc("2026-12-24T16:00:00Z");
    expect(addWorkingMs(office, created, 8 * H)).toBe(utc("2026-12-29T16:30:00Z"));
    expect(workingMs(office, created, utc("2026-12-29T16:30:00Z"))).toBe(8 * H);
    expect(workingMs(office, utc("2026-12-25T00:00:00Z"), utc("2026-12-29T00:00:00Z"))).toBe(0);
    expect(workingMs(office, utc("2026-11-23T12:00:00Z"), utc("2026-11-23T14:00:00Z"))).toBe(1 * H); // the lunch hour is out
  });

  it("keeps office hours in local time across a daylight-saving change", () => {
    // London leaves summer time on Sun 25 Oct 2026: 09:00 local is 08:00 UTC on Friday, 09:00 UTC on Monday.
    expect(addWorkingMs(office, utc("2026-10-23T08:00:00Z"), 7.5 * H)).toBe(utc("2026-10-23T16:30:00Z"));
    expect(addWorkingMs(office, utc("2026-10-26T09:00:00Z"), 7.5 * H)).toBe(utc("2026-10-26T17:30:00Z"));
    expect(workingMs(office, utc("2026-10-23T00:00:00Z"), utc("2026-10-27T00:00:00Z"))).toBe(15 * H);
    // A working Sunday of 00:00–24:00 is 25 hours long the day the clocks go back, and 23 when they go forward.
    expect(workingMs(sevenDays, utc("2026-10-24T23:00:00Z"), utc("2026-10-26T00:00:00Z"))).toBe(25 * H);
    expect(workingMs(sevenDays, utc("2026-03-29T00:00:00Z"), utc("2026-03-29T23:00:00Z"))).toBe(23 * H);
  });
});

describe("clock cycles, by hand", () => {
  const t = (h: number) => utc("2026-11-02T09:00:00Z") + h * H; // Monday 09:00 London (UTC in November)
  const history: HistoryPoint[] = [
    { at: t(0), stage: "intake", waitingOn: "provider" },
    { at: t(1), stage: "prioritisation", waitingOn: "client" },
    { at: t(3), stage: "prioritisation", waitingOn: "provider" },
    { at: t(4), stage: "validation", waitingOn: "provider" },
    { at: t(5), stage: "implementation", waitingOn: "third_party" },
    { at: t(6), stage: "implementation", waitingOn: "provider" },
    { at: t(7), stage: "closed", waitingOn: "provider" },
    { at: t(48), stage: "prioritisation", waitingOn: "provider" },
  ];

  it("pauses response on the client and resolution on the client or a third party, and starts a new cycle on reopen", () => {
    expect(cyclesOf(history, "response")).toEqual([
      { start: t(0), stop: t(4), pauses: [[t(1), t(3)]] },
      { start: t(48), stop: null, pauses: [] },
    ]);
    expect(cyclesOf(history, "resolution")).toEqual([
      { start: t(0), stop: t(7), pauses: [[t(1), t(3)], [t(5), t(6)]] },
      { start: t(48), stop: null, pauses: [] },
    ]);
  });

  it("reads met, breached, running and paused with elapsed, remaining and due time", () => {
    const [first] = cyclesOf(history, "resolution");
    // 24×7: 7 h wall, 3 h paused → 4 h elapsed.
    expect(readClock(first!, 4 * H, always, t(100))).toMatchObject({ state: "met", elapsedMs: 4 * H, remainingMs: 0, dueAt: t(7) });
    expect(readClock(first!, 3 * H, always, t(100))).toMatchObject({ state: "breached", elapsedMs: 4 * H, remainingMs: -1 * H, everBreached: true, dueAt: t(5) }); // 1 h before the first pause, 2 h until the second
    const running: Cycle = { start: t(0), stop: null, pauses: [] };
    expect(readClock(running, 8 * H, always, t(6))).toMatchObject({ state: "running", remainingMs: 2 * H, atRisk: true, dueAt: t(8) });
    expect(readClock(running, 8 * H, always, t(5))).toMatchObject({ atRisk: false });
    const paused: Cycle = { start: t(0), stop: null, pauses: [[t(2), null]] };
    expect(readClock(paused, 8 * H, always, t(10))).toMatchObject({ state: "paused", elapsedMs: 2 * H, dueAt: t(16) });
    // On office hours, Monday 09:00 + 8 h of work is the 7.5 h of Monday and half an hour of Tuesday: 09:30.
    expect(readClock(running, 8 * H, office, t(0))).toMatchObject({ state: "running", dueAt: utc("2026-11-03T09:30:00Z") });
  });
});

// ---- invariants ----------------------------------------------------------------------------------------

const start = utc("2026-01-05T00:00:00Z");
const YEAR = 365 * 24 * H;
const instant = fc.integer({ min: start, max: start + YEAR });
const calendars = fc.constantFrom<Calendar>(always, office, sevenDays, { ...office, timeZone: "America/New_York" });
const cycle: fc.Arbitrary<{ c: Cycle; now: number }> = fc
  .tuple(instant, fc.array(fc.integer({ min: 1, max: 72 * H }), { minLength: 1, maxLength: 8 }), fc.boolean(), fc.integer({ min: 0, max: 200 * H }))
  .map(([s, steps, stopped, after]) => {
    // Alternate running and paused stretches; the last step may stop the clock.
    const pauses: [number, number | null][] = [];
    let at = s;
    steps.forEach((d, i) => {
      if (i % 2 === 1) pauses.push([at, at + d]);
      at += d;
    });
    return { c: { start: s, stop: stopped ? at : null, pauses }, now: at + after };
  });

describe("clock invariants", () => {
  it("splitting a period in two does not change the total", () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 0, max: 30 * 24 * H }), fc.integer({ min: 0, max: 30 * 24 * H }), (cal, a, x, y) => {
        expect(workingMs(cal, a, a + x) + workingMs(cal, a + x, a + x + y)).toBe(workingMs(cal, a, a + x + y));
      }),
      { numRuns: 200 },
    );
  });

  it("adding working time and measuring it agree", () => {
    fc.assert(
      fc.property(calendars, instant, fc.integer({ min: 1, max: 100 * H }), (cal, a, ms) => {
        const due = addWorkingMs(cal, a, ms)!;
        expect(workingMs(cal, a, due)).toBe(ms);
      }),
      { numRuns: 200 },
    );
  });

  it("never counts out-of-hours time", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), (dayOffset) => {
        // 18:00 to 08:00 the next morning, local time, never counts on the office calendar.
        const evening = utc("2026-01-05T18:00:00Z") + dayOffset * 24 * H;
        expect(workingMs(office, evening, evening + 14 * H)).toBe(0);
      }),
      { numRuns: 100 },
    );
  });

  it("elapsed never exceeds wall time", () => {
    fc.assert(
      fc.property(calendars, cycle, fc.integer({ min: H, max: 200 * H }), (cal, { c, now }, target) => {
        const r = readClock(c, target, cal, now);
        expect(r.elapsedMs).toBeGreaterThanOrEqual(0);
        expect(r.elapsedMs).toBeLessThanOrEqual(Math.min(c.stop ?? now, now) - c.start);
        expect(r.remainingMs).toBe(target - r.elapsedMs);
      }),
      { numRuns: 150 },
    );
  });

  it("pausing never brings the due time closer", () => {
    fc.assert(
      fc.property(calendars, cycle, fc.integer({ min: H, max: 200 * H }), fc.integer({ min: 0, max: 100 * H }), fc.integer({ min: 1, max: 48 * H }), (cal, { c, now }, target, offset, length) => {
        const running: Cycle = { ...c, pauses: [] };
        const from = c.start + offset;
        const to = Math.min(from + length, c.stop ?? now, now);
        fc.pre(to > from);
        const paused: Cycle = { ...running, pauses: [[from, to]] };
        const before = readClock(running, target, cal, now);
        const after = readClock(paused, target, cal, now);
        expect(after.elapsedMs).toBeLessThanOrEqual(before.elapsedMs);
        if (before.dueAt !== null && after.dueAt !== null) expect(after.dueAt).toBeGreaterThanOrEqual(before.dueAt);
      }),
      { numRuns: 150 },
    );
  });
});
