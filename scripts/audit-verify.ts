import { verifyAuditChain } from "../src/audit/verify";
import { openDatabase } from "../src/db/client";
import { describeDatabase } from "./lib";

// npm run audit:verify: recomputes the audit log's hash chains and reports the first break of
// each organisation. Exit 0 when every chain holds, 1 when one does not. With the embedded
// database, stop the app first (one process per PGlite directory).
const handle = openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  const started = Date.now();
  const report = await verifyAuditChain(handle.db);
  console.log(`Audit log in ${describeDatabase()}: ${report.events} events in ${report.organisations} organisation chain(s), checked in ${Date.now() - started} ms.`);
  for (const head of report.heads) console.log(`  organisation ${head.organisationId}: ${head.chainSeq} events, last hash ${head.hash}`);
  if (report.breaks.length === 0) {
    console.log("Every chain holds.");
  } else {
    for (const b of report.breaks) {
      console.error(`BROKEN: organisation ${b.organisationId}, event ${b.eventId} (place ${b.chainSeq} in its chain): ${b.detail}.`);
    }
    process.exitCode = 1;
  }
} finally {
  await handle.close();
}
