// GET /api/v1/evidence-pack: the auditor's pack for a period, as JSON (the whole structure, optionally grouped
// by framework control too) or CSV (one row per closed item), streamed batch by batch after the first batch has
// been read under the permission check.
import { auditActor, fieldErrors, performRead } from "../actions/mutation";
import { recordAudit } from "../audit/record";
import { isToken, type Principal } from "../auth/principal";
import { csvRow, type CsvCell } from "../csv";
import type { Tx } from "../db/client";
import { withTenant } from "../db/tenant";
import { groupByControl, packOutcome, refsFor, type FrameworksDocument } from "../domain/frameworks";
import { itemKey } from "../domain/keys";
import { periodBounds, resolvePeriod, type Period } from "../domain/period";
import { AppError } from "../errors";
import { packBatch, packBatches, packContext, packSummary, type PackItem, type PackSummary } from "../queries/evidence-pack";
import { activeFrameworks } from "../queries/frameworks";
import { EVIDENCE_PACK_CSV_COLUMNS, evidencePackQuery, type EvidencePack, type EvidencePackItem } from "../schemas/evidence-pack";
import { downloadHeaders, textStream } from "./download";
import { respond, type ApiContext } from "./handler";

const BATCH = 100;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const INTEGRITY_NOTE =
  "auditChainHead is the organisation's last audit event when this pack was generated. Every timeline event carries its seq and hash in the same chain: " +
  "`npm run audit:verify` re-computes the chain, and an event listed here must appear in it with the same seq and hash, at or before the head.";

/** An item as the pack shows it; `mapping` gives its framework references. */
export function toPackItem(slug: string, i: PackItem, mapping: FrameworksDocument): EvidencePackItem {
  return {
    id: i.id,
    key: itemKey(slug, i.number),
    number: i.number,
    title: i.title,
    type: i.type,
    priority: i.priority,
    severity: i.severity,
    resolution: i.resolution,
    resolutionReason: i.resolutionReason,
    raisedAt: i.raisedAt.toISOString(),
    raisedBy: i.raisedBy,
    closedAt: i.closedAt.toISOString(),
    reopenedSince: i.reopenedSince,
    cycle: i.cycle,
    regressed: i.regressed,
    frameworkRefs: refsFor(mapping, i),
    implementer: i.implementer,
    verifier: i.verifier,
    timeline: i.timeline.map((e) => ({ ...e, at: e.at.toISOString() })),
    acceptances: i.acceptances.map(({ requestedByToken: _t, ...a }) => ({
      ...a,
      requestedAt: a.requestedAt.toISOString(),
      originalExpiresAt: a.originalExpiresAt.toISOString(),
      expiresAt: a.expiresAt.toISOString(),
      approvedAt: iso(a.approvedAt),
      endedAt: iso(a.endedAt),
      decisions: a.decisions.map((d) => ({ ...d, decidedAt: d.decidedAt.toISOString() })),
    })),
    evidence: i.evidence.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
  };
}

const joined = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].join("; ");

/** One CSV record per item, in EVIDENCE_PACK_CSV_COLUMNS order. */
export function packCsvCells(i: EvidencePackItem): CsvCell[] {
  return [
    i.key,
    i.title,
    i.type,
    i.priority,
    i.resolution,
    i.raisedAt,
    i.closedAt,
    i.implementer,
    i.verifier,
    joined(i.acceptances.map((a) => a.requestedBy)),
    joined(i.acceptances.flatMap((a) => a.decisions.filter((d) => d.decision === "approve").map((d) => d.decider))),
    i.evidence.length,
    joined(i.evidence.map((e) => e.sha256)),
    i.regressed ? "yes" : "no",
    i.frameworkRefs.join("; "),
  ];
}

const generatedBy = (p: Principal) => (isToken(p) ? `integration (${p.name})` : p.name);

export async function evidencePackOp(ctx: ApiContext): Promise<Response> {
  const parsed = evidencePackQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) throw new AppError("invalid:input", "Some query parameters are not valid.", fieldErrors(parsed.error));
  const { format, groupBy } = parsed.data;
  const now = new Date();
  const slug = ctx.orgSlug;

  const first = await performRead(
    ctx.db,
    ctx.principal,
    slug,
    "export:evidence_pack",
    async (tx, { org, actor, userId }) => {
      const { org: o, head } = await packContext(tx, org.orgId);
      const asked = resolvePeriod(parsed.data, now, o.timeZone);
      if (!asked.ok) throw new AppError("invalid:input", asked.message, { from: [asked.message] });
      const bounds = periodBounds(asked.period, o.timeZone);
      const scope = { orgId: org.orgId, ...bounds, headSeq: head?.seq ?? 0 };
      const [summary, batch, mapping] = [await packSummary(tx, scope), await packBatch(tx, { ...scope, after: null, limit: BATCH }), await activeFrameworks(tx, org.orgId)];
      // Who took the auditors' pack, of which period, against which chain head: itself a line in the trail.
      await recordAudit(tx, {
        organisationId: org.orgId,
        actor: auditActor(actor),
        action: "evidence_pack.export",
        entityType: "organisation",
        entityId: org.orgId,
        after: { format, groupBy, from: asked.period.from, to: asked.period.to, items: summary.itemsClosed, chainHeadSeq: head?.seq ?? null, frameworkMappingVersion: mapping.version },
        requestId: ctx.requestId,
      });
      return { org: o, head, period: asked.period, bounds, scope, summary, batch, mapping, userId };
    },
    ctx.requestId,
  );

  return respond(
    first,
    ({ org, head, period, bounds, scope, summary, batch, mapping, userId }) => {
      // Grouped by framework: each item's key, references and outcome, gathered as the batches pass.
      const grouped: Parameters<typeof groupByControl>[1] = [];
      const shape = (list: PackItem[]) =>
        list.map((raw) => {
          const i = toPackItem(slug, raw, mapping.doc);
          if (groupBy === "framework") grouped.push({ key: i.key, refs: i.frameworkRefs, outcome: packOutcome(raw.resolution, raw.openNow) });
          return i;
        });
      async function* items() {
        yield shape(batch.items);
        if (!batch.next) return;
        const run = <T,>(fn: (tx: Tx) => Promise<T>) => withTenant(ctx.db, scope.orgId, userId, fn);
        for await (const more of packBatches(run, { ...scope, after: batch.next, batchSize: BATCH })) yield shape(more);
      }
      const name = `${slug}-evidence-pack-${period.from}-to-${period.to}`;
      const extra: Record<string, string> = head ? { "X-Audit-Chain-Head": `${head.seq}:${head.hash}` } : {};
      if (format === "csv") {
        async function* lines() {
          yield csvRow(EVIDENCE_PACK_CSV_COLUMNS);
          for await (const list of items()) yield list.map((i) => csvRow(packCsvCells(i))).join("");
        }
        return new Response(textStream(lines(), ctx.requestId), { headers: downloadHeaders(`${name}.csv`, "text/csv; charset=utf-8; header=present", ctx.requestId, extra) });
      }
      const header = packHeader({ org, head, period, bounds, summary, now, by: generatedBy(ctx.principal), frameworkMappingVersion: mapping.version });
      async function* chunks() {
        // The header object, then the items array written as the batches arrive.
        yield JSON.stringify(header).slice(0, -1) + ',"items":[';
        let first = true;
        for await (const list of items()) {
          if (!list.length) continue;
          yield (first ? "" : ",") + list.map((i) => JSON.stringify(i)).join(",");
          first = false;
        }
        yield groupBy === "framework" ? `],"frameworks":${JSON.stringify(groupByControl(mapping.doc, grouped))}}` : "]}";
      }
      return new Response(textStream(chunks(), ctx.requestId), { headers: downloadHeaders(`${name}.json`, "application/json; charset=utf-8", ctx.requestId, extra) });
    },
    ctx.requestId,
  );
}

export function packHeader(p: {
  org: { slug: string; name: string; timeZone: string };
  head: { seq: number; hash: string; at: Date } | null;
  period: Period;
  bounds: { from: Date; to: Date };
  summary: PackSummary;
  now: Date;
  by: string;
  frameworkMappingVersion: number | null;
}): Omit<EvidencePack, "items" | "frameworks"> {
  return {
    organisation: p.org,
    period: { from: p.period.from, to: p.period.to, fromInstant: p.bounds.from.toISOString(), toInstant: p.bounds.to.toISOString() },
    generatedAt: p.now.toISOString(),
    generatedBy: p.by,
    integrity: { auditChainHead: p.head ? { seq: p.head.seq, hash: p.head.hash, at: p.head.at.toISOString() } : null, note: INTEGRITY_NOTE },
    summary: p.summary,
    frameworkMappingVersion: p.frameworkMappingVersion,
  };
}
