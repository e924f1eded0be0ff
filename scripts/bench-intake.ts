// npm run bench:intake [-- --findings 100000]
// Times intake (SPEC §12: 100,000 gitleaks findings ≤ 20 s, and the re-import of the same file ≤ 20 s creating
// nothing) on a scratch database: PostgreSQL when DATABASE_URL is set (database wrapper_bench_intake, created
// and dropped), else an in-memory PGlite. Generates a realistic gitleaks report, imports it through the same
// path as the API and the CLI, imports it again, and prints figures; asserts no timing, only the counts and that
// the audit chain the bulk writes extended still verifies.
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { runMigrations } from "../lib/db/client";
import { organisations, policyVersions } from "../lib/db/schema";
import { runIntake } from "../lib/api/intake";
import { verifyAuditChains } from "../lib/audit/verify";
import { DEFAULT_ESCALATIONS, defaultSlaPolicy } from "../lib/seed/policies";
import { openScratch } from "./bench-db";

const { values } = parseArgs({ options: { findings: { type: "string" } }, strict: true });
const N = Number(values.findings ?? 100_000);

function report(n: number): Buffer {
  const rules = ["aws-access-token", "generic-api-key", "github-pat", "stripe-access-token", "slack-webhook-url", "private-key"];
  const findings = Array.from({ length: n }, (_, i) => {
    const commit = crypto.createHash("sha1").update(`c${i % 997}`).digest("hex");
    const file = `services/svc-${i % 211}/config/${i % 7 === 0 ? "prod" : "dev"}.env`;
    const rule = rules[i % rules.length]!;
    const secret = `bench-${rule}-${crypto.createHash("sha256").update(String(i)).digest("hex").slice(0, 32)}`;
    return { Description: `Detected ${rule}`, StartLine: (i % 300) + 1, EndLine: (i % 300) + 1, StartColumn: 10, EndColumn: 60, Match: `KEY=${secret}`, Secret: secret, File: file, SymlinkFile: "", Commit: commit, Entropy: 4.2, Author: "Dev", Email: "dev@example.com", Date: "2026-10-01T10:00:00Z", Message: "update config", Tags: [], RuleID: rule, Fingerprint: `${commit}:${file}:${rule}:${i}` };
  });
  return Buffer.from(JSON.stringify(findings));
}

const { handle, kind } = await openScratch("wrapper_bench_intake");
const { db } = handle;
try {
  await runMigrations(db);
  const [org] = await db.insert(organisations).values({ slug: `bench-intake-${crypto.randomBytes(3).toString("hex")}`, name: "Bench intake" }).returning();
  await db.insert(policyVersions).values([
    { organisationId: org!.id, kind: "sla", version: 1, document: defaultSlaPolicy("UTC"), status: "active" },
    { organisationId: org!.id, kind: "escalation", version: 1, document: DEFAULT_ESCALATIONS, status: "active" },
  ]);
  const bytes = report(N);
  const scope = { orgId: org!.id, userId: null, actor: { type: "system" as const, id: null } };
  let t = performance.now();
  const first = await runIntake(db, scope, "gitleaks", bytes, "bench:1");
  const firstMs = performance.now() - t;
  t = performance.now();
  const second = await runIntake(db, scope, "gitleaks", bytes, "bench:2");
  const secondMs = performance.now() - t;
  console.log(`intake benchmark on ${kind}: ${N.toLocaleString("en")} gitleaks findings, ${(bytes.length / 1024 / 1024).toFixed(1)} MB`);
  console.log(`  import     ${(firstMs / 1000).toFixed(1)} s   created ${first.created}, rejected ${first.rejected.length}`);
  console.log(`  re-import  ${(secondMs / 1000).toFixed(1)} s   created ${second.created}, unchanged ${second.unchanged}`);
  const [chain] = await verifyAuditChains(db);
  console.log(`  audit chain ${chain?.ok ? "verified" : "BROKEN"}: ${chain?.events.toLocaleString("en")} events`);
  if (first.created !== N || second.created !== 0 || !chain?.ok) {
    console.error("intake benchmark: unexpected counts or a broken audit chain");
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
