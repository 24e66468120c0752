import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { rciParametersFor } from "@/checkins/rci";
import { visibleClients } from "@/clients/access";
import { getBundledInstrument } from "@/content/instruments";
import { rowsOf, type Db } from "@/db/client";
import { staffText } from "@/i18n/staff";
import type { ChangeVerdict } from "./change";
import { trackVerdict } from "./expected-recovery/model";
import { expectedRecoveryFor } from "./expected-recovery/store";
import { rangeStart, type Range } from "./range";
import { changeFor } from "./verdict";

const t = staffText("outcomeLabels");

export const NUMBNESS_URL = "https://attune.health/fhir/Questionnaire/attune-numbness";

/**
 * `tracked`: clients the expected recovery curve gives a verdict for (their latest check-in of
 * all time against their first complete one, whatever the period); `notOnTrack`: of those, the
 * ones beyond the band on the worse side.
 */
export type VerdictCounts = Record<ChangeVerdict, number> & { clients: number; tracked: number; notOnTrack: number };
export interface CounselorOutcomes {
  counselorId: string;
  name: string;
  counts: VerdictCounts;
}

const empty = (): VerdictCounts => ({ clients: 0, recovered: 0, improved: 0, no_reliable_change: 0, deteriorated: 0, tracked: 0, notOnTrack: 0 });

/**
 * For the period, every visible client with at least two scored numbness check-ins in it: the
 * first complete one in the period against the last, judged by computeChange. Counted per
 * primary counselor (every counselor the supervisor oversees is listed, even with none) and overall.
 */
export async function teamOutcomes(db: Db, actor: Actor, range: Range, now = new Date()): Promise<{ counselors: CounselorOutcomes[]; overall: VerdictCounts; rciSource: string }> {
  const instrument = await getBundledInstrument(NUMBNESS_URL);
  if (!instrument) throw new Error("the numbness instrument is not bundled");
  const start = rangeStart(range, now);
  const from = start ? sql`and a.administered_at >= ${start.toISOString()}::timestamptz` : sql``;
  const ever = sql`a.organisation_id = ${actor.organisationId} and a.client_id = clients.id and a.instrument_url = ${NUMBNESS_URL} and a.contact_id is null`;
  const scope = sql`${ever} ${from}`;
  const [result, team] = await Promise.all([
    db.execute(sql`
      select clients.primary_counselor_id as counselor_id, b.total as pre, l.total as post,
        fb.total as first_total, (extract(epoch from l.at - fb.at) / 604800.0)::float8 as weeks
      from clients
      join lateral (select count(*)::int as n from checkin_administrations a where ${scope} and a.status <> 'invalid') s on s.n >= 2
      join lateral (select a.total::float8 as total from checkin_administrations a where ${scope} and a.status = 'complete' order by a.administered_at asc limit 1) b on true
      join lateral (select a.total::float8 as total, a.administered_at as at from checkin_administrations a where ${scope} and a.status <> 'invalid' order by a.administered_at desc limit 1) l on true
      left join lateral (select a.total::float8 as total, a.administered_at as at from checkin_administrations a where ${ever} and a.status = 'complete' order by a.administered_at asc limit 1) fb on true
      where ${visibleClients(actor)}`),
    db.execute(sql`
      select id, name from users where organisation_id = ${actor.organisationId} and status = 'active'
        and (id = ${actor.userId} or supervisor_id = ${actor.userId}) and role in ('counselor', 'supervisor')
      order by name`),
  ]);
  const [params, curve] = await Promise.all([rciParametersFor(db, actor.organisationId, instrument), expectedRecoveryFor(db, actor.organisationId, instrument)]);
  const byCounselor = new Map<string, CounselorOutcomes>(rowsOf<{ id: string; name: string }>(team).map((u) => [u.id, { counselorId: u.id, name: u.name, counts: empty() }]));
  const overall = empty();
  for (const r of rowsOf<{ counselor_id: string; pre: number; post: number; first_total: number | null; weeks: number | null }>(result)) {
    const { verdict } = changeFor(instrument, params, Number(r.pre), Number(r.post));
    const track = curve?.fit && r.first_total !== null && r.weeks !== null ? trackVerdict(curve.fit, instrument.scoring.direction, Number(r.first_total), Number(r.weeks), Number(r.post)) : null;
    const entry = byCounselor.get(r.counselor_id);
    for (const counts of entry ? [entry.counts, overall] : [overall]) {
      counts.clients++;
      counts[verdict]++;
      if (track && track.status !== "no_verdict") counts.tracked++;
      if (track?.status === "not_on_track") counts.notOnTrack++;
    }
  }
  const rciSource = params.source === "organisation" ? t("teamRciOrganisation", { baselines: params.baselines }) : t("teamRciInstrument", { citation: params.citation });
  return { counselors: [...byCounselor.values()], overall, rciSource };
}
