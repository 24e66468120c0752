import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { checkinAdministrations, clients } from "@/db/schema";
import type { AnswerValue } from "@/instruments/fhir-schema";
import { scoreResponse } from "@/instruments/scoring";
import { addDays, startOfLocalDayInstant } from "@/lib/local-date";
import { answersNear, bundled } from "./demo-checkins";
import { createRandom, type Random } from "./random";
import { scoreColumns } from "@/checkins/record";

/**
 * How a past client's numbness (0..32, higher is worse) moved week by week: most follow the usual
 * curve (steep early, then slower), some recover early, some improve a little and then stall, a
 * few worsen, a few only wander. With session-to-session noise, so the organisation's expected
 * recovery curve and its hold-out check have honest material, not a perfect score.
 */
export const HISTORY_PATTERNS = ["usual", "early", "stall", "worsening", "wandering"] as const;
export type HistoryPattern = (typeof HISTORY_PATTERNS)[number];

export function historyLevel(pattern: HistoryPattern, start: number, week: number, speed: number): number {
  const t = Math.log(week + 1);
  switch (pattern) {
    case "usual":
      return start - speed * t;
    case "early":
      return start - (start - 5) * (1 - Math.exp(-week / 2));
    case "stall":
      return start - speed * Math.min(t, Math.log(4));
    case "worsening":
      return start + 2.2 * t;
    case "wandering":
      return start;
  }
}

const PAST = ["Adele", "Bruno", "Celia", "Dmitri", "Esme", "Felix", "Greta", "Hugo", "Irene", "Jonas", "Katya", "Lars", "Mina", "Nils", "Odile", "Pavel"];
const PAST_LAST = ["Amsel", "Brandt", "Corbin", "Devlin", "Ekberg", "Foley", "Gage", "Hollis", "Iverson", "Jarvis", "Keane", "Lowry"];
const ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"];

function pickPattern(random: Random): HistoryPattern {
  const r = random.next();
  return r < 0.38 ? "usual" : r < 0.56 ? "early" : r < 0.76 ? "stall" : r < 0.9 ? "worsening" : "wandering";
}

export const HISTORY_CLIENTS = 90;

/**
 * Ninety clients seen over the past two years and discharged, with weekly numbness check-ins
 * only (no exercises, notes or family), spread across the three demo counselors. They make the
 * organisation's history long enough for an expected recovery curve and its hold-out check.
 */
export async function seedDemoHistory(db: Db, organisationId: string, userIds: Map<string, string>, now = new Date()): Promise<number> {
  const random = createRandom(4242);
  const numbness = await bundled("attune-numbness");
  const today = now.toISOString().slice(0, 10);
  const counselors = ["counselor", "counselor2", "counselor3"];
  const rows: (typeof checkinAdministrations.$inferInsert)[] = [];
  for (let n = 0; n < HISTORY_CLIENTS; n++) {
    // Starts spread evenly from about two years to ten weeks ago, so the later starters can be held
    // out; every episode ended at least a week ago.
    const startAgo = 700 - n * 7 - random.int(0, 6);
    const weeks = Math.max(4, Math.min(random.int(8, 30), Math.floor((startAgo - 7) / 7)));
    const startDate = addDays(today, -startAgo);
    const endDate = addDays(startDate, weeks * 7);
    const timeZone = random.pick(ZONES);
    const counselorKey = counselors[n % counselors.length]!;
    const [row] = await db
      .insert(clients)
      .values({
        organisationId,
        name: `${PAST[n % PAST.length]!} ${PAST_LAST[(n * 5) % PAST_LAST.length]!}`,
        recordNumber: `RRC-${2001 + n}`,
        recoveryFocus: random.pick(["substance_use", "substance_use", "trauma", "both"] as const),
        status: "discharged",
        primaryCounselorId: userIds.get(counselorKey)!,
        startDate,
        timeZone,
        dischargedOn: [addDays(endDate, random.int(1, 14)), addDays(today, -1)].sort()[0]!,
        dischargeReason: "Episode of care ended.",
      })
      .returning({ id: clients.id });
    const pattern = pickPattern(random);
    const start = pattern === "worsening" ? random.int(10, 18) : random.int(14, 28);
    const speed = 2.5 + random.next() * 2.5;
    for (let w = 0; w <= weeks; w++) {
      if (w > 0 && w < weeks && random.chance(0.1)) continue;
      const noise = (random.next() - 0.5) * (pattern === "wandering" ? 8 : 4);
      const level = Math.max(0, Math.min(32, historyLevel(pattern, start, w, speed) + noise));
      const answers = answersNear(numbness, level / 8, random, { worth: 2 }) as Record<string, AnswerValue>;
      const score = scoreResponse(numbness, answers);
      const day = addDays(startDate, w * 7);
      rows.push({
        id: randomUUID(),
        organisationId,
        clientId: row!.id,
        contactId: null,
        instrumentUrl: numbness.url,
        instrumentVersion: numbness.version,
        mode: "in_session",
        administeredBy: userIds.get(counselorKey)!,
        answers,
        ...scoreColumns(score),
        administeredAt: new Date(startOfLocalDayInstant(day, timeZone).getTime() + random.int(9, 17) * 3_600_000),
        idempotencyKey: `demo-history-${n}-${w}`,
      });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(checkinAdministrations).values(rows.slice(i, i + 500));
  return HISTORY_CLIENTS;
}
