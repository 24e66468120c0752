// The expected recovery part of npm run bench, run by scripts/bench/fit.ts with --conditions
// react-server (the store is server-only): refits the numbness curve of the organisation with the
// most numbness check-ins, as the scheduled refit and an administrator's "Refit now" do, inside a
// transaction that is rolled back, so the data set is left as it was. Prints one JSON line.
import { sql } from "drizzle-orm";
import { getBundledInstrument } from "../../src/content/instruments";
import { openDatabase, rowsOf } from "../../src/db/client";
import { fitExpectedRecovery, summarise } from "../../src/outcomes/expected-recovery/model";
import { seededRandom, simulateClients } from "../../src/outcomes/expected-recovery/simulate";
import { refitAllCurves } from "../../src/outcomes/expected-recovery/scheduled-refit";
import { refitExpectedRecovery, sampledClients } from "../../src/outcomes/expected-recovery/store";
import { NUMBNESS_URL } from "../../src/outcomes/team";

const [url, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const handle = openDatabase({ url: url!, max: 1 });
const numbness = (await getBundledInstrument(NUMBNESS_URL))!;
const [org] = rowsOf<{ id: string; n: number }>(
  await handle.db.execute(sql`select organisation_id as id, count(*)::int as n from checkin_administrations where instrument_url = ${numbness.url} and instrument_version = ${numbness.version} group by organisation_id order by n desc limit 1`),
);
if (!org) throw new Error("no numbness check-ins in this database");
const rollback = new Error("rollback");
const timings: { readMs: number; fitMs: number; refitMs: number }[] = [];
let clients = 0;
let scores = 0;
let validated = false;
for (let i = 0; i < runs; i++) {
  let t = performance.now();
  const { clients: sampled } = await sampledClients(handle.db, org.id, numbness);
  const readMs = performance.now() - t;
  t = performance.now();
  const outcome = fitExpectedRecovery(sampled.map((c) => c.summary));
  const fitMs = performance.now() - t;
  if (!outcome.ok) throw new Error(`no curve: ${outcome.reason}`);
  clients = outcome.fit.nClients;
  scores = outcome.fit.nScores;
  // The whole refit (read, fit, the hold-out check and the stored row), as the job runs it.
  t = performance.now();
  await handle.db
    .transaction(async (tx) => {
      const stored = await refitExpectedRecovery(tx, org.id, numbness, "scheduled");
      validated = stored.validation?.counts != null;
      throw rollback;
    })
    .catch((e: unknown) => {
      if (e !== rollback) throw e;
    });
  timings.push({ readMs, fitMs, refitMs: performance.now() - t });
}
// The nightly job as the worker runs it: every check-in of every organisation in the data set,
// each one fitted (a rolled-back transaction holds no earlier fit, so none is skipped as unchanged);
// then the same job again a minute later, with nothing new: every curve checked and left alone.
let nightly = { ms: 0, curves: 0, againMs: 0, againRefitted: 0 };
{
  const t = performance.now();
  await handle.db
    .transaction(async (tx) => {
      const now = new Date();
      const run = await refitAllCurves(tx, now);
      if (run.failed.length) throw new Error(`the nightly refit failed: ${run.failed.join("; ")}`);
      const ms = performance.now() - t;
      const t2 = performance.now();
      const again = await refitAllCurves(tx, new Date(now.getTime() + 60_000));
      nightly = { ms, curves: run.refitted, againMs: performance.now() - t2, againRefitted: again.refitted };
      throw rollback;
    })
    .catch((e: unknown) => {
      if (e !== rollback) throw e;
    });
}
// The optimisation alone at the large data set's full size: 20,000 clients' summaries (simulated,
// about 26 scores each), the work that would run if the 5,000-client sample cap were lifted.
const random = seededRandom(5);
const truth = { beta: [18, 0.8, -3, -0.1] as [number, number, number, number], centre: 20, sdIntercept: 2, sdSlope: 1, correlation: -0.3, sdResidual: 2, baselineMean: 20, baselineSd: 5 };
const simulated = simulateClients(truth, 20_000, 52, 8).map((c) => summarise(c.baseline, c.followUps.filter(() => random() < 0.5)));
const started = performance.now();
if (!fitExpectedRecovery(simulated).ok) throw new Error("the simulated fit failed");
const simulatedFitMs = performance.now() - started;
const [all] = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from checkin_administrations where organisation_id = ${org.id}`));
await handle.close();
console.log(JSON.stringify({ administrations: all?.n ?? 0, numbnessAdministrations: org.n, clients, scores, validated, runs: timings, simulatedFitMs, nightlyMs: nightly.ms, nightlyCurves: nightly.curves, nightlyAgainMs: nightly.againMs, nightlyAgainRefitted: nightly.againRefitted }));
