// npm run audit:verify — checks every organisation's audit hash chain and names the first broken row.
import { verifyAuditChains } from "../lib/audit/verify";
import { runCli } from "./cli";

await runCli("audit:verify", async ({ db }) => {
  const reports = await verifyAuditChains(db);
  let broken = 0;
  for (const r of reports) {
    if (r.ok) console.log(`ok      ${r.slug.padEnd(20)} ${r.events} events`);
    else {
      broken++;
      console.log(`BROKEN  ${r.slug.padEnd(20)} first broken row: id ${r.firstBroken!.id} (seq ${r.firstBroken!.seq}): ${r.firstBroken!.reason}`);
    }
  }
  console.log(broken === 0 ? `All ${reports.length} chains verify.` : `${broken} of ${reports.length} chains are broken.`);
  return broken === 0 ? 0 : 2;
});
