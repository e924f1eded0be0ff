// /api/v1/risk-acceptances: the exception register as JSON pages or, with ?format=csv, every matching row.
import { fieldErrors, performRead } from "../actions/mutation";
import { csvRow, type CsvCell } from "../csv";
import { withTenant } from "../db/tenant";
import { itemKey } from "../domain/keys";
import { AppError } from "../errors";
import { listRegister, type RegisterRow } from "../queries/risk-acceptances";
import { REGISTER_CSV_COLUMNS, registerQuery, type RegisterEntry } from "../schemas/risk-acceptances-register";
import { downloadHeaders, fileDate, textStream } from "./download";
import { json, respond, type ApiContext } from "./handler";

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const CSV_PAGE = 500;

export function toRegisterEntry(slug: string, r: RegisterRow): RegisterEntry {
  return {
    id: r.id,
    itemId: r.itemId,
    itemKey: itemKey(slug, r.itemNumber),
    itemNumber: r.itemNumber,
    itemTitle: r.itemTitle,
    priority: r.priority,
    accountableOwnerId: r.accountableOwnerId,
    accountableOwner: r.accountableOwnerName,
    requestedBy: r.requestedByName,
    requestedByToken: r.requestedByToken,
    treatment: r.treatment,
    status: r.status,
    decisionWaiting: r.decisionWaiting,
    expiredAwaitingDecision: r.expiredAwaitingDecision,
    requestedAt: r.requestedAt.toISOString(),
    originalExpiresAt: r.originalExpiresAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    extensionExpiresAt: iso(r.extensionExpiresAt),
    endedAt: iso(r.endedAt),
    round: r.round,
    renewals: r.renewals,
    approvals: r.approvals,
    approvalsRequired: r.approvalsRequired,
  };
}

/** One CSV record, in REGISTER_CSV_COLUMNS order. */
export function registerCsvCells(e: RegisterEntry): CsvCell[] {
  return [
    e.itemKey,
    e.itemTitle,
    e.priority,
    e.accountableOwner,
    e.requestedBy ?? (e.requestedByToken ? "integration" : ""),
    e.treatment,
    e.status,
    e.decisionWaiting ? "yes" : "no",
    e.expiredAwaitingDecision ? "yes" : "no",
    e.requestedAt,
    e.originalExpiresAt,
    e.expiresAt,
    e.extensionExpiresAt,
    e.renewals,
    e.approvals,
    e.approvalsRequired,
  ];
}

export async function listRegisterOp(ctx: ApiContext): Promise<Response> {
  const parsed = registerQuery.safeParse(Object.fromEntries(ctx.url.searchParams));
  if (!parsed.success) throw new AppError("invalid:input", "Some query parameters are not valid.", fieldErrors(parsed.error));
  const { format, filter, q, cursor, limit } = parsed.data;
  const now = new Date();
  const slug = ctx.orgSlug;
  const base = { filter, q, now };

  if (format === "json") {
    const r = await performRead(ctx.db, ctx.principal, slug, "read:risk_acceptance", (tx, { org }) => listRegister(tx, { ...base, orgId: org.orgId, cursor, limit }), ctx.requestId);
    return respond(r, (page) => json({ items: page.items.map((row) => toRegisterEntry(slug, row)), nextCursor: page.nextCursor }, 200, ctx.requestId), ctx.requestId);
  }

  // CSV: every matching row from the first (cursor and limit do not apply), one page per transaction.
  const first = await performRead(
    ctx.db,
    ctx.principal,
    slug,
    "read:risk_acceptance",
    async (tx, { org, userId }) => ({ org, userId, page: await listRegister(tx, { ...base, orgId: org.orgId, limit: CSV_PAGE }) }),
    ctx.requestId,
  );
  return respond(
    first,
    ({ org, userId, page }) => {
      async function* lines() {
        yield csvRow(REGISTER_CSV_COLUMNS);
        let current = page;
        for (;;) {
          yield current.items.map((row) => csvRow(registerCsvCells(toRegisterEntry(slug, row)))).join("");
          const next = current.nextCursor;
          if (!next) return;
          current = await withTenant(ctx.db, org.orgId, userId, (tx) => listRegister(tx, { ...base, orgId: org.orgId, cursor: next, limit: CSV_PAGE }));
        }
      }
      return new Response(textStream(lines(), ctx.requestId), {
        status: 200,
        headers: downloadHeaders(`${slug}-exceptions-${fileDate(now)}.csv`, "text/csv; charset=utf-8; header=present", ctx.requestId),
      });
    },
    ctx.requestId,
  );
}
