// Every figure the dashboard shows is one click from the items that make it: on the demo data (a year of history,
// open work in every state, exceptions, identities), each count's link, followed the way its page follows it,
// lists exactly that many items. And the API's JSON, its CSV and the dashboard's sections carry the same numbers.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { metricsSummaryOp } from "@/lib/api/metrics";
import { runApi } from "@/lib/api/handler";
import { organisations } from "@/lib/db/schema";
import { withTenant } from "@/lib/db/tenant";
import { daysBounds, metricsDays } from "@/lib/domain/metrics";
import { metricsSections, sectionRecords, unitOf } from "@/lib/domain/metrics-sections";
import { listIdentities } from "@/lib/queries/identities";
import { metricsSummary } from "@/lib/queries/metrics";
import { portfolio } from "@/lib/queries/portfolio";
import { queueViewFilters } from "@/lib/queries/queue-view";
import { countRegister } from "@/lib/queries/risk-acceptances";
import { listWorkItems } from "@/lib/queries/work-items";
import { listQuery } from "@/lib/schemas/work-items";
import { seedDemo } from "@/lib/seed/demo";
import { loadSessionUser } from "@/lib/auth/session-user";
import { users } from "@/lib/db/schema";
import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
let orgId = "";
const NOW = new Date();
const DAYS = metricsDays({ days: 182 }, NOW);

beforeAll(async () => {
  t = await openTestDb();
  await seedDemo(t.db, NOW);
  orgId = (await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "acme")))[0]!.id;
}, 120_000);
afterAll(() => t?.close());

const inAcme = <T,>(fn: Parameters<typeof withTenant<T>>[3]) => withTenant(t.db, orgId, null, fn);

/** How many items a link lists, read the way its page reads it. */
async function listed(href: string): Promise<number> {
  const url = new URL(href, "http://console.test");
  const sp = Object.fromEntries(url.searchParams);
  const page = url.pathname.split("/").at(-1);
  if (page === "queue") {
    const query = listQuery.parse({ ...queueViewFilters(sp), limit: 200 });
    let n = 0;
    let cursor: string | undefined;
    do {
      const r = await inAcme((tx) => listWorkItems(tx, { ...query, cursor, orgId }));
      n += r.items.length;
      cursor = r.nextCursor ?? undefined;
    } while (cursor);
    return n;
  }
  if (page === "identities") {
    let n = 0;
    let cursor: string | null = null;
    do {
      const r: Awaited<ReturnType<typeof listIdentities>> = await inAcme((tx) =>
        listIdentities(tx, { orgId, orphaned: sp.owner === "orphaned", privileged: sp.privileged === "yes", overdue: sp.rotation === "overdue", cursor, limit: 200, now: NOW }),
      );
      n += r.items.length;
      cursor = r.nextCursor;
    } while (cursor);
    return n;
  }
  if (page === "exceptions") return (await inAcme((tx) => countRegister(tx, { orgId, now: NOW })))[sp.filter as "active"];
  throw new Error(`no list for ${href}`);
}

describe("dashboard drill-down", () => {
  it("lists, behind every count, exactly the items it counts", async () => {
    const summary = await inAcme((tx) => metricsSummary(tx, { orgId, ...daysBounds(DAYS), now: NOW }));
    const sections = metricsSections(summary, { slug: "acme", ...DAYS });
    const checked: string[] = [];
    for (const s of sections) {
      for (const r of s.rows) {
        for (const [i, href] of r.hrefs.entries()) {
          const unit = unitOf(s, r, i);
          // Hours, shares and medians are not counts of items; renewals count rounds, not acceptances.
          if (!href || unit === "hours" || unit === "share" || r.key === "renewals") continue;
          expect({ figure: `${s.id}/${r.key}/${s.columns[i]!.key}`, count: await listed(href) }).toEqual({ figure: `${s.id}/${r.key}/${s.columns[i]!.key}`, count: r.values[i] });
          checked.push(`${s.id}/${r.key}`);
        }
      }
    }
    // The demo gives these figures something to count (a check that cannot pass on zeros alone).
    const value = (id: string, key: string, col = 0) => sections.find((x) => x.id === id)!.rows.find((r) => r.key === key)!.values[col]!;
    for (const [id, key] of [["sla", "breached"], ["sla", "met"], ["sla", "closed_breached"], ["remediation", "verified"], ["remediation", "regressed"], ["identities", "orphaned"], ["backlog-age", "90d+"], ["exceptions", "active"]]) {
      expect(value(id!, key!), `${id}/${key}`).toBeGreaterThan(0);
    }
    expect(summary.revocationTime.count).toBeGreaterThan(20);
    expect(summary.trend.length).toBeGreaterThanOrEqual(26);
    expect(checked.length).toBeGreaterThan(100);
  }, 120_000);

  it("gives the same figures as JSON, as CSV, and in the dashboard's sections", async () => {
    const [u] = await t.db.select().from(users).where(eq(users.email, "exec@acme.demo"));
    const principal = (await loadSessionUser(t.db, { userId: u!.id, sessionVersion: u!.sessionVersion }))!;
    const call = (query: string) =>
      runApi(new Request(`http://console.test/api/v1/metrics/summary?org=acme&${query}`), { db: t.db, session: async () => principal }, {}, metricsSummaryOp);
    const jsonRes = await call(`from=${DAYS.from}&to=${DAYS.to}`);
    expect(jsonRes.status).toBe(200);
    const summary = await jsonRes.json();
    const csvRes = await call(`from=${DAYS.from}&to=${DAYS.to}&format=csv`);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await csvRes.text()).trimEnd().split("\r\n");
    const expected = sectionRecords(metricsSections(summary, { slug: "acme", ...DAYS }));
    expect(lines).toHaveLength(expected.length);
    // Each record's figure is the JSON's, to the digit.
    const parsed = lines.map((l) => l.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/));
    const figures = new Map(parsed.slice(1).map((c) => [`${c[0]}/${c[1]}/${c[3]}`, c[4] === "" ? null : Number(c[4])]));
    expect(figures.get("headline/breached/value")).toBe(summary.sla.breached);
    expect(figures.get("sla/met/items")).toBe(summary.sla.closedWithinTarget);
    expect(figures.get("headline/revocation_median/value")).toBe(summary.revocationTime.medianHours);
    expect(figures.get("identities/orphaned/count")).toBe(summary.identities.orphaned);
    expect(figures.get("waiting/client/hours")).toBe(summary.waiting.clientHours);
    for (const r of expected.slice(1)) expect(figures.get(`${r[0]}/${r[1]}/${r[3]}`), `${r[0]}/${r[1]}/${r[3]}`).toBe(r[4]);
    // One section alone.
    const one = await (await call(`from=${DAYS.from}&to=${DAYS.to}&format=csv&section=backlog-age`)).text();
    expect(one.trimEnd().split("\r\n").slice(1).map((l) => l.split(",")[1])).toEqual(["0-7d", "8-30d", "31-90d", "90d+"]);
  });

  it("shows each person a portfolio of the organisations they may read, each in its own tenant scope", async () => {
    const person = async (email: string) => {
      const [u] = await t.db.select().from(users).where(eq(users.email, email));
      return (await loadSessionUser(t.db, { userId: u!.id, sessionVersion: u!.sessionVersion }))!;
    };
    const p = { ...daysBounds(DAYS), now: NOW };
    const exec = await portfolio(t.db, await person("exec@acme.demo"), p);
    expect(exec.map((r) => r.slug)).toEqual(["acme"]);
    const lead = await portfolio(t.db, await person("lead@provider.demo"), p);
    expect(lead.map((r) => r.slug).sort()).toEqual(["acme", "globex", "initech"]);
    // Each row is that organisation's own summary: the same as computed in its scope alone.
    const globex = lead.find((r) => r.slug === "globex")!;
    const alone = await withTenant(t.db, globex.orgId, null, (tx) => metricsSummary(tx, { orgId: globex.orgId, ...p }));
    expect(globex.summary).toEqual(alone);
    expect(globex.summary.backlog.total).not.toBe(lead.find((r) => r.slug === "acme")!.summary.backlog.total);
    // An administrator has no dashboard anywhere: an empty portfolio.
    expect(await portfolio(t.db, await person("admin@provider.demo"), p)).toEqual([]);
  });

  it("refuses a period that ends before it starts or spans more than two years", async () => {
    const [u] = await t.db.select().from(users).where(eq(users.email, "exec@acme.demo"));
    const principal = (await loadSessionUser(t.db, { userId: u!.id, sessionVersion: u!.sessionVersion }))!;
    const call = (query: string) =>
      runApi(new Request(`http://console.test/api/v1/metrics/summary?org=acme&${query}`), { db: t.db, session: async () => principal }, {}, metricsSummaryOp);
    expect((await call("from=2026-11-01&to=2026-10-01")).status).toBe(422);
    expect((await call("from=2023-01-01&to=2026-01-01")).status).toBe(422);
    expect((await call("format=pdf")).status).toBe(422);
  });
});
