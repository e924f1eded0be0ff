// Bulk data for performance work (SPEC §12). `npm run db:seed -- --scale M` grows the demo organisations to
// 100,000 work items and 10,000 identities in total; `--scale L` adds seven client organisations
// (lib/seed/scale-orgs.ts) and grows the ten to 1,000,000 work items, 100,000 identities and about 6,000,000
// audit events (every item's whole trail; SPEC §12 asks for 5,000,000). Rows are generated here with the seeded
// PRNG, then sent 5,000 to a statement as one JSON parameter (`json_populate_recordset`), which sidesteps the
// 65,535 bind-parameter limit and is fast on PGlite and PostgreSQL alike. Runs as the migration owner, like the
// demo seed (not tenant-scoped), one transaction per organisation, so a failed run leaves nothing half-written.
//
// What it writes per organisation, besides the items: extra identities (so items spread over a realistic
// inventory), one evidence note per item in closure or closed as remediated (as the demo does), the risk
// acceptance behind each item closed as risk_accepted (lib/seed/scale-acceptances.ts), and audit events. Each
// item's history (lib/seed/scale-history.ts) sets its SLA columns; at L every event of it is written, at M only
// `work_item.create` and, for closed items, the closing event. The audit events go through the chaining trigger
// like any other insert, in batches sorted by time; they are appended after the organisation's existing trail,
// so across that boundary `occurred_at` does not rise with `seq` (the chain itself verifies). Pass
// `audit: false` to skip them.
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db, Executor, Tx } from "../db/client";
import { insertRows as bulkInsert, sequentialUuids } from "../db/bulk";
import { loadPolicies, type Policies } from "../sla/store";
import { defaultPriority } from "../domain/priority";
import type { IdentityKind, Priority, Resolution, Severity, Stage, Tier, WaitingOn, WorkItemType } from "../domain/vocabulary";
import { PRIORITIES } from "../domain/vocabulary";
import { LEAK_RULES, PEOPLE, REPOS } from "./catalogue";
import { DEMO_ORGS } from "./demo";
import { rng, type Rng } from "./random";
import { ensureScaleOrgs, SCALE_ORGS } from "./scale-orgs";
import { itemStory, slaFromStory, type StoryEvent, type StoryItem } from "./scale-history";
import { acceptanceExpired, acceptanceInForce } from "./scale-acceptances";

/**
 * The sizes, with how the rows are shared out between organisations (a few large clients, a long tail of
 * smaller ones) and whether every event of each item's history goes to the audit trail (`trail`).
 */
export const SCALES = {
  M: { workItems: 100_000, identities: 10_000, trail: false, weights: { acme: 0.55, globex: 0.3, initech: 0.15 } },
  L: {
    workItems: 1_000_000,
    identities: 100_000,
    trail: true,
    weights: { acme: 0.24, globex: 0.17, initech: 0.12, umbrella: 0.1, hooli: 0.09, vandelay: 0.08, wonka: 0.06, tyrell: 0.05, cyberdyne: 0.05, oscorp: 0.04 },
  },
} as const;
export type ScaleName = keyof typeof SCALES;
export const isScaleName = (s: string): s is ScaleName => Object.hasOwn(SCALES, s);

const BATCH = 5_000;
const DAY = 86_400_000;

export interface ScaleOptions {
  now?: Date;
  /** Write audit events for the generated items (default true). */
  audit?: boolean;
  log?: (line: string) => void;
}

export interface ScaleReport {
  scale: ScaleName;
  /** True when the database already held the target number of work items: nothing was written. */
  alreadyThere: boolean;
  itemsBefore: number;
  itemsAfter: number;
  added: { workItems: number; identities: number; evidence: number; riskAcceptances: number; auditEvents: number };
}

interface OrgContext {
  id: string;
  slug: string;
  /** The active policies: items get their SLA columns from the history generated for them. */
  policies: Policies;
  assignees: { id: string; role: string }[];
  raisers: string[];
  /** Leads and owners, who sign off closure. */
  verifiers: string[];
  /** Who answers for risk acceptances: an owner, or a lead where the organisation has none. */
  owners: string[];
  identities: IdentityRef[];
}

interface IdentityRef {
  id: string;
  kind: IdentityKind;
  name: string;
  system: string;
  tier: Tier;
  purpose: string | null;
}

type Row = Record<string, string | number | boolean | null | Record<string, unknown>>;

const count = async (db: Executor, q: ReturnType<typeof sql>) => Number((await db.execute<{ n: string }>(q)).rows[0]?.n ?? 0);

const insertRows = (db: Executor, table: string, rows: readonly object[]) => bulkInsert(db, table, rows, BATCH);

export async function seedScale(db: Db, scale: ScaleName, opts: ScaleOptions = {}): Promise<ScaleReport> {
  const target = SCALES[scale];
  const now = opts.now ?? new Date();
  const log = opts.log ?? (() => {});
  const audit = opts.audit ?? true;
  const itemsBefore = await count(db, sql`select count(*) as n from work_items`);
  const report: ScaleReport = {
    scale,
    alreadyThere: itemsBefore >= target.workItems,
    itemsBefore,
    itemsAfter: itemsBefore,
    added: { workItems: 0, identities: 0, evidence: 0, riskAcceptances: 0, auditEvents: 0 },
  };
  if (report.alreadyThere) return report;

  const weights: Record<string, number> = target.weights;
  const slugs = Object.keys(weights);
  const demoSlugs: string[] = DEMO_ORGS.map((o) => o.slug);
  if (slugs.some((s) => SCALE_ORGS.some((o) => o.slug === s))) {
    const made = await ensureScaleOrgs(db, now);
    if (made) log(`${made} client organisations set up (${SCALE_ORGS.map((o) => o.slug).join(", ")})`);
  }
  const { rows: orgs } = await db.execute<{ id: string; slug: string }>(
    sql`select id, slug from organisations where slug in (${sql.join(slugs.map((s) => sql`${s}`), sql`, `)}) order by slug`,
  );
  if (!orgs.some((o) => demoSlugs.includes(o.slug))) throw new Error(`The scale seed grows the demo organisations (${demoSlugs.join(", ")}), and none of them is in this database.`);
  const totalWeight = orgs.reduce((s, o) => s + (weights[o.slug] ?? 0.1), 0);
  const needItems = target.workItems - itemsBefore;

  let itemsLeft = needItems;
  for (const [i, org] of orgs.entries()) {
    const share = (weights[org.slug] ?? 0.1) / totalWeight;
    const items = i === orgs.length - 1 ? itemsLeft : Math.round(needItems * share);
    itemsLeft -= items;
    const started = Date.now();
    const r = rng(7_000 + slugs.indexOf(org.slug));
    const added = await db.transaction(async (tx) => {
      // Lock the organisation row: item numbers allocated by a running console wait for this seed.
      const { rows: locked } = await tx.execute<{ item_seq: number; max_number: number | null }>(
        sql`select item_seq, (select max(number) from work_items where organisation_id = ${org.id}) as max_number from organisations where id = ${org.id} for update`,
      );
      const base = Math.max(Number(locked[0]?.item_seq ?? 0), Number(locked[0]?.max_number ?? 0));

      const existingScale = await count(tx, sql`select count(*) as n from identities where organisation_id = ${org.id} and external_id like 'scale-%'`);
      const wantIdentities = Math.round(target.identities * share);
      const identityRows = generateIdentities(r, org.id, org.slug, existingScale, Math.max(0, wantIdentities - existingScale), now);
      await insertRows(tx, "identities", identityRows);
      // Statistics before each dependent insert: foreign-key checks (and the audit trigger's lookup) are
      // planned from them, and stale ones (PGlite never auto-analyzes) turn each check into a sequential scan.
      await tx.execute(sql`analyze identities`);

      const ctx = await loadContext(tx, org.id, org.slug);
      const gen = generateItems(r, ctx, base, items, now, { trail: target.trail, idsAt: new Date(now.getTime() + i) });
      const generated = Date.now();
      await insertRows(tx, "work_items", gen.items);
      gen.items.length = 0; // the rows can go before the audit trail is built into rows of its own
      await tx.execute(sql`update organisations set item_seq = ${base + items} where id = ${org.id}`);
      await tx.execute(sql`analyze work_items`);
      await insertRows(tx, "evidence", gen.evidence);
      await insertRows(tx, "risk_acceptances", gen.acceptances);
      const written = Date.now();
      if (audit) {
        await tx.execute(sql`analyze audit_events`);
        await gen.audit.write(tx);
      }
      const phases = `generated ${secs(generated - started)}, items ${secs(written - generated)}, audit ${secs(Date.now() - written)}`;
      return { identities: identityRows.length, evidence: gen.evidence.length, acceptances: gen.acceptances.length, auditEvents: audit ? gen.audit.length : 0, phases };
    });
    report.added.workItems += items;
    report.added.identities += added.identities;
    report.added.evidence += added.evidence;
    report.added.riskAcceptances += added.acceptances;
    report.added.auditEvents += added.auditEvents;
    log(
      `${org.slug.padEnd(9)} +${fmt(items)} work items, +${fmt(added.identities)} identities, +${fmt(added.evidence)} evidence, ` +
        `+${fmt(added.acceptances)} risk acceptances, +${fmt(added.auditEvents)} audit events (${secs(Date.now() - started)}: ${added.phases})`,
    );
  }

  // Fresh planner statistics (PGlite has no autovacuum) and visibility maps for index-only scans.
  const started = Date.now();
  await db.execute(sql`vacuum (analyze) work_items, identities, evidence, risk_acceptances, audit_events, organisations`);
  log(`vacuum (analyze) (${secs(Date.now() - started)})`);
  report.itemsAfter = await count(db, sql`select count(*) as n from work_items`);
  return report;
}

const fmt = (n: number) => n.toLocaleString("en-GB");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function loadContext(tx: Executor, orgId: string, slug: string): Promise<OrgContext> {
  const { rows: members } = await tx.execute<{ user_id: string; role: string }>(
    sql`select user_id, role from memberships where organisation_id = ${orgId} and role in ('analyst', 'lead', 'owner') order by role, user_id`,
  );
  const { rows: ids } = await tx.execute<{ id: string; kind: IdentityKind; name: string; system: string; tier: Tier; purpose: string | null }>(
    sql`select id, kind, name, system, tier, purpose from identities where organisation_id = ${orgId} and source <> 'api_token' order by created_at, id`,
  );
  const assignees = members.filter((m) => m.role !== "owner").map((m) => ({ id: m.user_id, role: m.role }));
  const of = (role: string) => members.filter((m) => m.role === role).map((m) => m.user_id);
  return {
    id: orgId,
    slug,
    policies: await loadPolicies(tx as Tx, orgId),
    assignees,
    raisers: members.map((m) => m.user_id),
    verifiers: [...of("lead"), ...of("owner")],
    owners: of("owner").length ? of("owner") : of("lead"),
    identities: ids,
  };
}

// ——— identities ———

const FIRST = ["alex", "sam", "maria", "li", "omar", "anna", "raj", "kate", "yusuf", "ines", "piotr", "chloe", "kenji", "fatima", "noah", "zoe", "ivan", "leila", "ben", "mei"];
const LAST = ["smith", "garcia", "nguyen", "muller", "rossi", "kowalski", "okoro", "tanaka", "silva", "dubois", "jensen", "patel", "cohen", "ali", "brown", "novak"];
const APPS = ["orders", "billing", "search", "checkout", "ledger", "crm", "hr-portal", "analytics", "inventory", "shipping", "auth", "notifications", "reporting", "pricing", "catalog"];
const ENVS = ["prod", "staging", "dev"];

interface IdentityKindSpec {
  weight: number;
  systems: string[];
  name: (r: Rng, n: number, domain: string) => string;
  purpose: (r: Rng) => string;
  tiers: readonly (readonly [Tier, number])[];
  rotation: number[] | null;
}

const KIND_SPECS: Record<IdentityKind, IdentityKindSpec> = {
  human: {
    weight: 40,
    systems: ["Okta", "Entra ID", "Active Directory", "Google Workspace"],
    name: (r, n) => `${r.pick(FIRST)}.${r.pick(LAST)}${n % 97}`,
    purpose: (r) => r.pick(["Software engineer", "Finance analyst", "Customer support", "Site reliability engineer", "Contractor", "Database administrator", "Sales operations"]),
    tiers: [["T1", 3], ["T2", 12], ["T3", 55], ["T4", 30]],
    rotation: null,
  },
  service_account: {
    weight: 18,
    systems: ["AWS IAM", "Google Cloud", "Active Directory", "Snowflake", "Salesforce"],
    name: (r, n) => `svc-${r.pick(APPS)}-${r.pick(ENVS)}-${n}`,
    purpose: (r) => `${r.pick(["Batch jobs", "Service-to-service calls", "Reporting extracts", "Backups", "Data sync"])} for ${r.pick(APPS)}`,
    tiers: [["T1", 10], ["T2", 30], ["T3", 45], ["T4", 15]],
    rotation: [90, 180, 365],
  },
  api_key: {
    weight: 12,
    systems: ["AWS IAM", "Stripe", "Datadog", "SendGrid", "Twilio", "PagerDuty"],
    name: (r, n) => `${r.pick(["AKIA", "sk_live_", "dd-api-", "SG.", "SK", "pd-"])}…${hex(r, 4)} (${r.pick(APPS)} ${n})`,
    purpose: (r) => `${r.pick(["Integration", "Monitoring", "Payments", "Notifications", "Automation"])} for ${r.pick(APPS)}`,
    tiers: [["T1", 15], ["T2", 30], ["T3", 40], ["T4", 15]],
    rotation: [90, 180],
  },
  token: {
    weight: 10,
    systems: ["GitHub", "GitLab", "Slack", "npm", "Atlassian"],
    name: (r, n) => `${r.pick(["ghp_", "glpat-", "xoxb-", "npm_", "ATATT"])}…${hex(r, 4)} (${r.pick(APPS)}-bot ${n})`,
    purpose: (r) => r.pick(["Release automation", "Repository mirroring", "Chat notifications", "Package publishing", "Ticket sync"]),
    tiers: [["T1", 5], ["T2", 30], ["T3", 45], ["T4", 20]],
    rotation: [30, 90, 180],
  },
  secret: {
    weight: 8,
    systems: ["HashiCorp Vault", "AWS Secrets Manager", "Azure Key Vault", "Kubernetes"],
    name: (r, n) => `${r.pick(ENVS)}/${r.pick(APPS)}/${r.pick(["db-password", "signing-key", "oauth-client-secret", "webhook-secret"])}-${n}`,
    purpose: (r) => `${r.pick(["Database credentials", "Webhook verification", "OAuth client", "Encryption key"])} for ${r.pick(APPS)}`,
    tiers: [["T1", 20], ["T2", 35], ["T3", 35], ["T4", 10]],
    rotation: [30, 90, 180],
  },
  certificate: {
    weight: 5,
    systems: ["DigiCert", "Let's Encrypt", "Internal PKI"],
    name: (r, n, domain) => `${r.pick(APPS)}-${n}.${domain}.com (TLS)`,
    purpose: () => "TLS for an internal or public endpoint",
    tiers: [["T1", 25], ["T2", 35], ["T3", 40]],
    rotation: null,
  },
  workload: {
    weight: 5,
    systems: ["EKS prod", "GKE", "Azure", "AWS IAM"],
    name: (r, n) => `${r.pick(APPS)}-${n} (${r.pick(["k8s service account", "managed identity", "GitHub OIDC"])})`,
    purpose: (r) => `${r.pick(APPS)} workload`,
    tiers: [["T1", 15], ["T2", 35], ["T3", 40], ["T4", 10]],
    rotation: null,
  },
  agent: {
    weight: 2,
    systems: ["OpenAI", "Anthropic", "Azure AI Foundry"],
    name: (r, n) => `${r.pick(APPS)}-assistant-${n}`,
    purpose: (r) => r.pick(["Drafts support replies", "Reviews pull requests", "Summarises incidents", "Answers HR questions"]),
    tiers: [["T2", 40], ["T3", 50], ["T4", 10]],
    rotation: [90],
  },
};
const KIND_WEIGHTS = Object.entries(KIND_SPECS).map(([k, s]) => [k as IdentityKind, s.weight] as const);

function hex(r: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"[r.int(0, 61)];
  return s;
}

const iso = (ms: number) => new Date(Math.round(ms)).toISOString();
/** A uniform value in [lo, hi). */
const within = (r: Rng, [lo, hi]: [number, number]) => lo + (hi - lo) * r.next();

function generateIdentities(r: Rng, orgId: string, domain: string, from: number, n: number, now: Date): Row[] {
  const t = now.getTime();
  const rows: Row[] = [];
  for (let i = from + 1; i <= from + n; i++) {
    const kind = r.weighted(KIND_WEIGHTS);
    const spec = KIND_SPECS[kind];
    const system = r.pick(spec.systems);
    const tier = r.weighted(spec.tiers);
    const orphaned = kind !== "human" && r.chance(0.15);
    const owner = r.pick(PEOPLE);
    const createdAt = t - r.int(30, 1500) * DAY;
    const rotation = spec.rotation ? r.pick(spec.rotation) : null;
    const status = r.weighted([["active", 90], ["disabled", 7], ["revoked", 3]] as const);
    rows.push({
      id: crypto.randomUUID(),
      organisation_id: orgId,
      kind,
      name: spec.name(r, i, domain),
      system,
      external_id: `scale-${i}`,
      owner_name: orphaned ? null : owner,
      owner_email: orphaned ? null : `${owner.toLowerCase().replace(/ /g, ".")}@${domain}.com`,
      owner_active: !r.chance(0.06),
      purpose: spec.purpose(r),
      tier,
      privileged: tier === "T1" || (tier === "T2" && r.chance(0.4)),
      status,
      source: kind === "human" ? r.pick(["scim-users", "csv"]) : r.pick(["aws-credential-report", "gitleaks", "csv", "manual"]),
      created_at: iso(createdAt),
      updated_at: iso(createdAt + r.int(0, t - createdAt)),
      last_used_at: status === "active" && r.chance(0.9) ? iso(t - r.int(0, 120) * DAY - r.int(0, DAY)) : null,
      last_rotated_at: rotation ? iso(t - r.int(1, Math.round(rotation * 1.6)) * DAY) : null,
      rotation_period_days: rotation,
      expires_at: kind === "certificate" ? iso(t + r.int(-20, 400) * DAY) : null,
    });
  }
  return rows;
}

// ——— work items ———

const TYPE_WEIGHTS: readonly (readonly [WorkItemType, number])[] = [
  ["finding_remediation", 18], ["secret_rotation", 16], ["revocation", 14], ["access_review", 10], ["access_request", 8],
  ["recertification", 8], ["orphan_assignment", 8], ["privileged_offboarding", 7], ["privileged_onboarding", 6], ["exception_review", 5],
];
/** Which identities a type of work is about. */
const HUMAN_TYPES = new Set<WorkItemType>(["revocation", "privileged_onboarding", "privileged_offboarding", "access_request", "recertification"]);
const NHI_TYPES = new Set<WorkItemType>(["secret_rotation", "finding_remediation", "orphan_assignment"]);

const OPEN_STAGES: readonly (readonly [Stage, number])[] = [
  ["intake", 2], ["prioritisation", 2], ["validation", 2], ["implementation", 4], ["evidence", 2], ["closure", 1],
];
const STAGE_INDEX: Record<Stage, number> = { intake: 0, prioritisation: 1, validation: 2, implementation: 3, evidence: 4, closure: 5, closed: 6 };
const RESOLUTION_WEIGHTS: readonly (readonly [Resolution, number])[] = [
  ["remediated", 68], ["risk_accepted", 10], ["invalid", 8], ["duplicate", 6], ["cancelled", 8],
];
const INVALID_REASONS = ["False positive: the key in the finding is a documented test fixture.", "The account was already removed before intake.", "Scanner matched an example value in documentation."];
const CANCELLED_REASONS = ["System decommissioned; the work is no longer needed.", "Request withdrawn by the client.", "Superseded by the platform migration project."];
const OVERRIDE_REASONS = ["Client asked for this ahead of their audit.", "Exposure is internal only; lowered after review.", "Linked to an open incident."];

/** A work_items row, keyed by column name. */
interface ItemRow {
  id: string;
  organisation_id: string;
  number: number;
  type: WorkItemType;
  stage: Stage;
  resolution: Resolution | null;
  title: string;
  description: string;
  priority: Priority;
  priority_override_reason: string | null;
  severity: Severity;
  identity_id: string | null;
  assignee_id: string | null;
  created_by_id: string | null;
  implemented_by_id: string | null;
  resolution_reason: string | null;
  duplicate_of_id: string | null;
  cycle: number;
  waiting_on: WaitingOn;
  waiting_since: string;
  provider_seconds: number;
  client_seconds: number;
  third_party_seconds: number;
  escalation_level: number;
  regressed: boolean;
  version: number;
  created_at: string;
  updated_at: string;
  stage_entered_at: string;
  closed_at: string | null;
  exception_expires_at: string | null;
  sla: Record<string, unknown> | null;
  sla_due_at: string | null;
  sla_at_risk_at: string | null;
  sla_breached: boolean;
  next_check_at: string | null;
}

// Every row carries every column: insertRows takes the column list from the first row.
const NO_SLA = { sla: null, sla_due_at: null, sla_at_risk_at: null, sla_breached: false, next_check_at: null };

interface GeneratedItem {
  row: ItemRow;
  stageEnteredAt: number;
  createdAt: number;
  closedAt: number | null;
  /** Closed as risk_accepted, or open again after its acceptance expired. */
  acceptance: "in_force" | "expired" | null;
}

/**
 * The generated items' audit trail, oldest first, kept as each item's events and their order: rows are built a
 * batch at a time as they are written (at L a large organisation's trail runs to a million and a half events).
 */
interface AuditTrail {
  length: number;
  /** Writes the trail, `chunk` events at a time. */
  write: (db: Executor, chunk?: number) => Promise<void>;
}

/** Events per item at most (an index into an item's events fits below this). */
const EVENT_SLOTS = 64;

function auditTrail(orgId: string, ids: readonly string[], stories: readonly StoryEvent[][]): AuditTrail {
  const codes: number[] = [];
  for (const [i, story] of stories.entries()) for (let k = 0; k < story.length; k++) codes.push(i * EVENT_SLOTS + k);
  const at = (c: number) => stories[Math.floor(c / EVENT_SLOTS)]![c % EVENT_SLOTS]!;
  // By time; an item's own events keep their order when two fall at the same instant.
  codes.sort((a, b) => at(a).at - at(b).at || a - b);
  const row = (c: number) => {
    const e = at(c);
    return {
      organisation_id: orgId,
      actor_type: e.actorId ? "user" : "system",
      actor_id: e.actorId,
      action: e.action,
      entity_type: "work_item",
      entity_id: ids[Math.floor(c / EVENT_SLOTS)],
      before: e.before,
      after: e.after,
      reason: e.reason,
      request_id: "seed-scale",
      occurred_at: iso(e.at),
    };
  };
  return {
    length: codes.length,
    write: async (db, chunk = 50_000) => {
      for (let i = 0; i < codes.length; i += chunk) await insertRows(db, "audit_events", codes.slice(i, i + chunk).map(row));
    },
  };
}

function generateItems(r: Rng, ctx: OrgContext, base: number, n: number, now: Date, opts: { trail: boolean; idsAt: Date }) {
  const t = now.getTime();
  const humans = ctx.identities.filter((i) => i.kind === "human");
  const nhis = ctx.identities.filter((i) => i.kind !== "human");
  // A few identities collect many items (repeat offenders): pick towards the front of a shuffled list.
  const skewed = <T>(xs: T[]): T | null => (xs.length ? xs[Math.floor(xs.length * r.next() ** 2)]! : null);
  for (const xs of [humans, nhis, ctx.identities]) shuffle(r, xs);
  const analysts = ctx.assignees.filter((a) => a.role === "analyst").map((a) => a.id);
  const leads = ctx.assignees.filter((a) => a.role === "lead").map((a) => a.id);
  const pickAssignee = (): string | null =>
    analysts.length && (leads.length === 0 || r.chance(0.75)) ? r.pick(analysts) : leads.length ? r.pick(leads) : null;

  const drafts: GeneratedItem[] = [];
  for (let i = 0; i < n; i++) {
    const closed = r.next() >= 0.3;
    // Closed work spreads over two years, denser recently (volume grows); open work is mostly recent with a
    // long tail of old items nobody has finished.
    const ageDays = closed
      ? 730 * (1 - Math.sqrt(r.next()))
      : within(r, r.weighted<[number, number]>([[[0, 7], 35], [[7, 30], 30], [[30, 90], 18], [[90, 365], 12], [[365, 700], 5]]));
    const createdAt = Math.round(Math.min(t - ageDays * DAY - r.int(0, 3_600_000), closed ? t - 3 * 3_600_000 : t));
    const type = r.weighted(TYPE_WEIGHTS);
    const identity = r.chance(0.03) ? null : skewed(HUMAN_TYPES.has(type) ? humans : NHI_TYPES.has(type) ? nhis : ctx.identities);
    const severity = r.weighted<Severity>([["critical", 1], ["high", 3], ["medium", 4], ["low", 2]]);
    const computed = defaultPriority(identity?.tier ?? null, severity);
    const overridden = r.chance(0.03);
    const priority: Priority = overridden ? r.pick(PRIORITIES.filter((p) => p !== computed)) : computed;

    const stage: Stage = closed ? "closed" : r.weighted(OPEN_STAGES);
    const resolution: Resolution | null = closed ? r.weighted(RESOLUTION_WEIGHTS) : null;
    // Most closed work took days to a few weeks; some took months.
    const took = within(r, r.weighted<[number, number]>([[[0.1, 3], 3], [[3, 14], 4], [[14, 60], 2], [[60, 200], 1]])) * DAY;
    const closedAt = closed ? Math.round(Math.max(createdAt + 60_000, Math.min(t - r.int(60_000, 3_600_000), createdAt + took))) : null;
    const end = closedAt ?? t;
    // A second cycle: remediated once, then back — mostly because the remediation did not hold (a regression).
    const cycle = r.chance(0.04) ? 2 : 1;
    const regressed = cycle === 2 && r.chance(0.75);
    const stageEnteredAt = closedAt ?? (stage === "intake" && cycle === 1 ? createdAt : Math.round(createdAt + (end - createdAt) * r.next() * 0.8));
    const waitingOn: WaitingOn = closed
      ? "provider"
      : r.weighted<WaitingOn>(ageDays > 90 ? [["provider", 4], ["client", 4], ["third_party", 2]] : [["provider", 7], ["client", 2], ["third_party", 1]]);
    const waitingSince = stageEnteredAt;
    // Ball in court before the current party took it: some of it with the client, now and then a third party.
    const before = Math.max(0, Math.floor((waitingSince - createdAt) / 1000));
    const clientSeconds = r.chance(0.3) ? Math.floor(before * r.next() * 0.35) : 0;
    const thirdPartySeconds = r.chance(0.08) ? Math.floor((before - clientSeconds) * r.next() * 0.3) : 0;

    const assigneeId = stage === "intake" || r.chance(0.12) ? null : pickAssignee();
    const implemented = stage === "evidence" || stage === "closure" || resolution === "remediated";
    const escalationLevel = closed ? 0 : ageDays > 60 && r.chance(0.3) ? 2 : ageDays > 14 && r.chance(0.25) ? 1 : 0;
    const version = 1 + STAGE_INDEX[stage] + (cycle - 1) * 3 + r.int(0, 3);
    const acceptance = resolution === "risk_accepted" ? "in_force" : !closed && (stage === "validation" || stage === "implementation") && r.chance(0.03) ? "expired" : null;
    drafts.push({
      createdAt,
      stageEnteredAt,
      closedAt,
      acceptance,
      row: {
        id: "",
        organisation_id: ctx.id,
        number: 0,
        type,
        stage,
        resolution,
        title: titleFor(r, type, identity),
        description: identity ? `Raised for ${identity.name} (${identity.system}). ${identity.purpose ?? ""}`.trim() : "Raised without a linked identity.",
        priority,
        priority_override_reason: overridden ? r.pick(OVERRIDE_REASONS) : null,
        severity,
        identity_id: identity?.id ?? null,
        assignee_id: assigneeId,
        created_by_id: r.chance(0.55) && ctx.raisers.length ? r.pick(ctx.raisers) : null,
        implemented_by_id: implemented ? (assigneeId ?? pickAssignee()) : null,
        resolution_reason: resolution === "invalid" ? r.pick(INVALID_REASONS) : resolution === "cancelled" ? r.pick(CANCELLED_REASONS) : null,
        duplicate_of_id: null,
        cycle,
        waiting_on: waitingOn,
        waiting_since: iso(waitingSince),
        provider_seconds: before - clientSeconds - thirdPartySeconds,
        client_seconds: clientSeconds,
        third_party_seconds: thirdPartySeconds,
        escalation_level: escalationLevel,
        regressed,
        version,
        created_at: iso(createdAt),
        updated_at: iso(closedAt ?? Math.min(t, stageEnteredAt + r.int(0, 3 * DAY))),
        stage_entered_at: iso(stageEnteredAt),
        closed_at: closedAt === null ? null : iso(closedAt),
        exception_expires_at: null,
        ...NO_SLA,
      },
    });
  }

  // Numbers and ids follow creation time (ids that sort in that order keep index inserts at one end); a
  // duplicate points at an earlier item of the same type.
  drafts.sort((a, b) => a.createdAt - b.createdAt);
  const ids = sequentialUuids(drafts.length, opts.idsAt);
  const lastOfType = new Map<WorkItemType, string>();
  for (const [i, d] of drafts.entries()) {
    d.row.number = base + i + 1;
    d.row.id = ids[i]!;
    if (d.row.resolution === "duplicate") {
      const original = lastOfType.get(d.row.type);
      if (original) d.row.duplicate_of_id = original;
      else {
        d.row.resolution = "invalid";
        d.row.resolution_reason = r.pick(INVALID_REASONS);
      }
    }
    lastOfType.set(d.row.type, d.row.id);
  }

  const people = { provider: ctx.assignees.map((a) => a.id), verifiers: ctx.verifiers };
  const evidence: Row[] = [];
  const acceptances: Row[] = [];
  const stories: StoryEvent[][] = [];
  for (const d of drafts) {
    const it = d.row;
    const subject = { id: it.id, organisationId: ctx.id, cycle: it.cycle, createdAt: d.createdAt, closedAt: d.closedAt, requestedById: it.assignee_id ?? it.implemented_by_id };
    if (d.acceptance === "in_force" && d.closedAt !== null) {
      const a = acceptanceInForce(r, { ...subject, closedAt: d.closedAt }, r.pick(ctx.owners), t);
      acceptances.push(a);
      it.exception_expires_at = a.expires_at;
    } else if (d.acceptance === "expired") {
      acceptances.push(acceptanceExpired(r, subject, r.pick(ctx.owners), t));
    }
    if (it.stage === "closure" || it.resolution === "remediated") {
      const at = Math.max(d.createdAt, (d.closedAt ?? d.stageEnteredAt) - 3_600_000);
      evidence.push({
        organisation_id: ctx.id,
        work_item_id: it.id,
        kind: "note",
        summary: r.pick(EVIDENCE_NOTES),
        created_by_id: it.implemented_by_id,
        created_at: iso(at),
      });
    }
    const story: StoryItem = {
      type: it.type,
      priority: it.priority,
      stage: it.stage,
      resolution: it.resolution,
      createdAt: d.createdAt,
      stageEnteredAt: d.stageEnteredAt,
      closedAt: d.closedAt,
      cycle: it.cycle,
      regressed: it.regressed,
      waitingOn: it.waiting_on,
      clientSeconds: it.client_seconds,
      thirdPartySeconds: it.third_party_seconds,
      assigneeId: it.assignee_id,
      implementedById: it.implemented_by_id,
      exceptionExpiresAt: it.exception_expires_at === null ? null : Date.parse(it.exception_expires_at),
    };
    const events = itemStory(r, story, people);
    Object.assign(it, slaFromStory(ctx.policies, story, events, t));
    const created = { number: it.number, type: it.type, title: it.title, stage: "intake", priority: it.priority, severity: it.severity, version: 1 };
    const create: StoryEvent = { at: d.createdAt, action: "work_item.create", actorId: it.created_by_id, before: null, after: created, reason: it.priority_override_reason };
    // Without the trail, the creation and the closure alone (as dataset M has always had).
    const close: StoryEvent[] = d.closedAt === null ? [] : [{ at: d.closedAt, action: "work_item.close", actorId: null, before: null, after: { stage: "closed", resolution: it.resolution }, reason: it.resolution_reason }];
    stories.push([create, ...(opts.trail ? events : close)]);
  }
  return { items: drafts.map((d) => d.row), evidence, acceptances, audit: auditTrail(ctx.id, drafts.map((d) => d.row.id), stories) };
}

function shuffle<T>(r: Rng, xs: T[]): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
}

const EVIDENCE_NOTES = [
  "Old key deleted; new key issued and stored in the vault. Access logs show no use of the old key since rotation.",
  "Account disabled in the directory and removed from all groups; the group listing afterwards is attached.",
  "Access revoked; the access report run afterwards no longer lists the user.",
  "Secret rotated and consumers redeployed; health checks green.",
  "Owner confirmed in the CMDB and on the identity record.",
];

const FILES = ["config/prod.env", "scripts/deploy.sh", ".github/workflows/release.yml", "src/settings.py", "terraform/main.tf", "docker-compose.yml", "k8s/secrets.yaml"];
const QUARTERS = ["Q1", "Q2", "Q3", "Q4"];

function titleFor(r: Rng, type: WorkItemType, identity: IdentityRef | null): string {
  const name = identity?.name ?? r.pick(APPS);
  const system = identity?.system ?? "the directory";
  const person = r.pick(PEOPLE);
  switch (type) {
    case "secret_rotation":
      return `Rotate ${name} — past its ${system} rotation period`;
    case "finding_remediation":
      return `Leaked ${r.pick(LEAK_RULES)} in ${r.pick(REPOS)} (${r.pick(FILES)}:${r.int(1, 400)})`;
    case "revocation":
      return `Revoke access for leaver ${identity?.kind === "human" ? name : person} (${system})`;
    case "privileged_offboarding":
      return `Remove ${identity?.kind === "human" ? name : person} from production admin groups in ${system}`;
    case "privileged_onboarding":
      return `Grant just-in-time production access to ${identity?.kind === "human" ? name : person} via ${system}`;
    case "orphan_assignment":
      return `Assign an owner to orphaned ${name}`;
    case "access_review":
      return `${r.pick(QUARTERS)} privileged access review: ${name} in ${system}`;
    case "recertification":
      return `Recertify standing admin rights of ${name}`;
    case "exception_review":
      return `Review expiring exception for ${name}`;
    case "access_request":
      return `Access request: ${identity?.kind === "human" ? name : person} needs ${r.pick(["read-only", "write", "admin"])} access to ${system}`;
  }
}
