// The dashboard's layout of the summary (sections, links, CSV records) and its periods, as pure functions.
import { describe, expect, it } from "vitest";
import { METRICS_SECTION_IDS } from "@/lib/api/metrics";
import { daysBounds, metricsDays, periodProblem, reportMonth } from "@/lib/domain/metrics";
import { metricsSections, sectionRecords, unitOf } from "@/lib/domain/metrics-sections";
import type { MetricsSummary } from "@/lib/schemas/metrics";
import { formatFigure } from "@/components/dashboard/format";
import { shownPeriod } from "@/components/dashboard/period";
import { describeDrill } from "@/components/queue/drill-bar";

const closure = { count: 0, medianHours: null, p90Hours: null, weekly: [] };
const SUMMARY: MetricsSummary = {
  period: { from: "2026-11-01T00:00:00.000Z", to: "2026-12-01T00:00:00.000Z" },
  backlog: { total: 3, byStage: { intake: 2, evidence: 1 }, byPriority: { P1: 1, P3: 2 }, byType: { revocation: 3 }, byAge: { "0-7d": 1, "90d+": 2 } },
  trend: [{ week: "2026-10-26", created: 4, closed: 2, closedWithSla: 2, closedWithinTarget: 1, openAtEnd: 3 }],
  sla: { atRisk: 1, breached: 2, closedInPeriod: 4, closedWithinTarget: 3, compliance: 0.75 },
  revocationTime: { count: 2, medianHours: 30, p90Hours: 50, weekly: [{ week: "2026-10-26", count: 2, medianHours: 30, p90Hours: 50 }] },
  rotationTime: closure,
  exceptions: { active: 2, expiringWithin30Days: 1, expiredAwaitingDecision: 0, renewals: 4 },
  identities: { orphaned: 5, standingPrivileged: 6, rotationOverdue: 7 },
  waiting: { items: 4, providerHours: 10.5, clientHours: 2.25, thirdPartyHours: 0 },
  remediation: { verified: 3, regressed: 1 },
};
const CTX = { slug: "acme", from: "2026-11-01", to: "2026-12-01" };

describe("the dashboard's sections", () => {
  const sections = metricsSections(SUMMARY, CTX);
  const row = (id: string, key: string) => sections.find((s) => s.id === id)!.rows.find((r) => r.key === key)!;

  it("are the sections the API's CSV can be asked for, in order", () => {
    expect(sections.map((s) => s.id)).toEqual([...METRICS_SECTION_IDS]);
  });

  it("give every category a row, zero when nothing is there, so charts keep their shape", () => {
    expect(sections.find((s) => s.id === "backlog-age")!.rows.map((r) => [r.key, r.values[0]])).toEqual([["0-7d", 1], ["8-30d", 0], ["31-90d", 0], ["90d+", 2]]);
    expect(sections.find((s) => s.id === "backlog-stage")!.rows.map((r) => r.key)).not.toContain("closed");
  });

  it("link each figure to its items with the filter set", () => {
    expect(row("headline", "breached").hrefs[0]).toBe("/o/acme/queue?sla=breached");
    expect(row("backlog-age", "90d+").hrefs[0]).toBe("/o/acme/queue?age=90d%2B");
    expect(row("sla", "met").hrefs[0]).toBe("/o/acme/queue?slaOutcome=met&closedFrom=2026-11-01&closedTo=2026-12-01");
    expect(row("remediation", "regressed").hrefs[0]).toBe("/o/acme/queue?regressedFrom=2026-11-01&regressedTo=2026-12-01");
    expect(row("identities", "orphaned").hrefs[0]).toBe("/o/acme/identities?owner=orphaned");
    expect(row("exceptions", "expired_awaiting").hrefs[0]).toBe("/o/acme/exceptions?filter=expired_awaiting");
    // A week's revocations: the week clipped to the period (26 Oct – 1 Nov starts before it).
    const week = row("revocation-time", "2026-10-26");
    expect(decodeURIComponent(week.hrefs[0]!)).toBe("/o/acme/queue?type=revocation,privileged_offboarding&resolution=remediated&closedFrom=2026-11-01&closedTo=2026-11-02");
    expect(week.hrefs.slice(1)).toEqual([null, null]);
    // Raised and closed in a week: the whole week; the open count at its end has no list.
    expect(row("backlog-trend", "2026-10-26").hrefs).toEqual([null, "/o/acme/queue?createdFrom=2026-10-26&createdTo=2026-11-02", "/o/acme/queue?closedFrom=2026-10-26&closedTo=2026-11-02"]);
  });

  it("work out per-week compliance and the closed-after-breach count", () => {
    expect(row("sla-trend", "2026-10-26").values).toEqual([0.5, 1, 1]);
    expect(row("sla", "closed_breached").values).toEqual([1]);
    expect(unitOf(sections[0]!, row("headline", "compliance"), 0)).toBe("share");
    expect(unitOf(sections[0]!, row("headline", "breached"), 0)).toBe("items");
  });

  it("write one CSV record per figure with the value as given", () => {
    const records = sectionRecords(sections);
    expect(records[0]).toEqual(["section", "row", "label", "column", "value"]);
    expect(records).toContainEqual(["waiting", "client", "Client", "hours", 2.25]);
    expect(records).toContainEqual(["headline", "rotation_median", "Rotation time, median (hours)", "value", null]);
    expect(records.length - 1).toBe(sections.reduce((n, s) => n + s.rows.length * s.columns.length, 0));
  });
});

describe("periods", () => {
  const now = new Date("2026-11-24T15:00:00Z");

  it("count back from tomorrow so today is in, or take the days given", () => {
    expect(metricsDays({ days: 30 }, now)).toEqual({ from: "2026-10-26", to: "2026-11-25" });
    expect(metricsDays({ from: "2026-01-01", to: "2026-02-01" }, now)).toEqual({ from: "2026-01-01", to: "2026-02-01" });
    expect(daysBounds({ from: "2026-01-01", to: "2026-02-01" })).toEqual({ from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-02-01T00:00:00Z") });
  });

  it("refuse a backwards period, one over two years, or days outside 1970–9999", () => {
    expect(periodProblem({ from: "2026-02-01", to: "2026-01-01" })).toMatch(/end after/);
    expect(periodProblem({ from: "2024-01-01", to: "2026-01-02" })).toMatch(/two years/);
    expect(periodProblem({ from: "2024-11-24", to: "2026-11-24" })).toBeNull();
    expect(periodProblem({ from: "1969-12-31", to: "1970-01-02" })).toMatch(/between 1970-01-01 and 9999-12-31/);
    // 0000-01-01 less the default 30 days: the API's fuzzing found PostgreSQL refusing it with a 500.
    expect(periodProblem(metricsDays({ to: "0000-01-01" }, now))).toMatch(/between/);
  });

  it("read the dashboard's query string, falling back to 90 days with the reason", () => {
    expect(shownPeriod({}, now)).toMatchObject({ preset: "90d", from: "2026-08-27", to: "2026-11-25", error: null });
    expect(shownPeriod({ period: "30d" }, now)).toMatchObject({ preset: "30d", from: "2026-10-26" });
    expect(shownPeriod({ from: "2026-10-01", to: "2026-11-01" }, now)).toMatchObject({ preset: null, from: "2026-10-01", to: "2026-11-01", error: null });
    expect(shownPeriod({ from: "2026-10-01" }, now)).toMatchObject({ preset: "90d", error: "Give both dates of the period as YYYY-MM-DD." });
    expect(shownPeriod({ from: "2026-11-01", to: "2026-10-01" }, now)).toMatchObject({ preset: "90d", error: "The period must end after it starts." });
  });

  it("name the report's month, the one before and six months of trend; the last full month by default", () => {
    expect(reportMonth(undefined, now)).toMatchObject({ key: "2026-10", label: "October 2026", previousLabel: "September 2026", fromDay: "2026-10-01", toDay: "2026-11-01", trendFromDay: "2026-05-01" });
    expect(reportMonth("2026-01", now)).toMatchObject({ key: "2026-01", previousLabel: "December 2025", trendFromDay: "2025-08-01", toDay: "2026-02-01" });
    expect(reportMonth("2026-13", now).key).toBe("2026-10");
    expect(reportMonth(undefined, new Date("2026-01-10T00:00:00Z")).key).toBe("2025-12");
  });
});

describe("figures in words", () => {
  it("write counts, hours, days and shares", () => {
    expect(formatFigure(1234, "items")).toBe("1,234");
    expect(formatFigure(null, "hours")).toBe("—");
    expect(formatFigure(0.4, "hours")).toBe("< 1 h");
    expect(formatFigure(47.4, "hours")).toBe("47 h");
    expect(formatFigure(60, "hours")).toBe("2.5 d");
    expect(formatFigure(24 * 150, "hours")).toBe("150 d");
    expect(formatFigure(0.5625, "share")).toBe("56.3%");
    expect(formatFigure(1, "share")).toBe("100%");
  });

  it("say what a drill-down narrowed the queue to", () => {
    expect(describeDrill({ type: "revocation,privileged_offboarding", resolution: "remediated", closedFrom: "2026-11-01", closedTo: "2026-12-01" })).toEqual([
      "Revocation or Privileged offboarding",
      "closed 1 Nov 2026 – 30 Nov 2026",
      "resolution: Remediated",
    ]);
    expect(describeDrill({ age: "90d+" })).toEqual(["raised over 90 days ago"]);
    expect(describeDrill({ slaOutcome: "breached", regressedFrom: "2026-11-01" })).toEqual(["closed after an SLA breach", "regressed from 1 Nov 2026"]);
  });
});
