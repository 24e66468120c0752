import { sql } from "drizzle-orm";
import { hashPassword } from "@/auth/passwords";
import type { Db } from "@/db/client";
import { clientCareTeam, clients, organisations, users, type ClientStatus, type RecoveryFocus } from "@/db/schema";
import { addDays } from "@/lib/local-date";
import { createRandom } from "./random";

export interface LargeSeedOptions {
  seed?: number;
  counselors?: number;
  clients?: number;
  /** The first supervisor ("the director") supervises this share of all counselors. */
  directorShare?: number;
  today?: string;
  onProgress?: (message: string) => void;
}

export interface LargeSeedResult {
  organisationId: string;
  directorEmail: string;
  busiestCounselorEmail: string;
  counselors: number;
  clients: number;
}

const FIRST = ["Alex", "Bea", "Cal", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou", "Max", "Ned", "Ola", "Pia", "Rae", "Sol", "Tia", "Uma", "Vic", "Wyn", "Xan", "Yas", "Zed"];
const LAST = ["Adams", "Baker", "Clark", "Diaz", "Evans", "Flores", "Green", "Hall", "Iyer", "Jones", "King", "Lopez", "Moore", "Nash", "Ortiz", "Price", "Quinn", "Reed", "Shaw", "Torres", "Vance", "Ward", "Young", "Zhou"];
const TAGS = ["evening group", "veteran", "court referred", "parenting", "housing support", "dual diagnosis", "young adult", "telehealth"];

async function insertInBatches<T>(db: Db, rows: T[], insert: (batch: T[]) => Promise<unknown>, size = 1000) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * The large synthetic organisation of SPEC.md, deterministically from a seed: counselors with
 * supervisors (one director over half of them, so one person sees ~10,000 clients) and
 * 20,000 clients, loaded with multi-row inserts.
 */
export async function seedLargeOrganisation(db: Db, options: LargeSeedOptions = {}): Promise<LargeSeedResult> {
  const seedNumber = options.seed ?? 42;
  const random = createRandom(seedNumber);
  const counselorCount = options.counselors ?? 200;
  const clientCount = options.clients ?? 20_000;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const log = options.onProgress ?? (() => {});
  const passwordHash = await hashPassword("attune-large-data");

  const [org] = await db.insert(organisations).values({ name: `Large synthetic organisation (seed ${options.seed ?? 42})` }).returning({ id: organisations.id });
  const organisationId = org!.id;
  const supervisorCount = Math.max(2, Math.round(counselorCount / 25));
  const supervisors = await db
    .insert(users)
    .values(
      Array.from({ length: supervisorCount }, (_, i) => ({
        organisationId,
        email: i === 0 ? `director.s${seedNumber}@large.example` : `supervisor${i}.s${seedNumber}@large.example`,
        name: i === 0 ? "Director Dana Reyes" : `Supervisor ${random.pick(FIRST)} ${random.pick(LAST)}`,
        role: "supervisor" as const,
        passwordHash,
      })),
    )
    .returning({ id: users.id, email: users.email });
  const directorShare = options.directorShare ?? 0.5;
  const counselorRows = Array.from({ length: counselorCount }, (_, i) => ({
    organisationId,
    email: `counselor${i}.s${seedNumber}@large.example`,
    name: `${random.pick(FIRST)} ${random.pick(LAST)} (${i})`,
    role: "counselor" as const,
    passwordHash,
    supervisorId: i < counselorCount * directorShare ? supervisors[0]!.id : supervisors[1 + (i % (supervisorCount - 1))]!.id,
  }));
  const counselors = await db.insert(users).values(counselorRows).returning({ id: users.id, email: users.email });
  log(`${counselors.length} counselors and ${supervisors.length} supervisors`);

  // A skewed caseload: a few counselors carry far more clients than most.
  const weights = counselors.map((_, i) => 1 / (1 + i * 0.02));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((acc, w, i) => (cumulative[i] = acc + w / total), 0);
  const pickCounselor = () => {
    const r = random.next();
    const index = cumulative.findIndex((c) => c >= r);
    return counselors[index === -1 ? counselors.length - 1 : index]!;
  };

  const statuses: ClientStatus[] = ["active", "active", "active", "active", "intake", "on_hold", "discharged"];
  const focuses: RecoveryFocus[] = ["substance_use", "substance_use", "trauma", "both"];
  const clientRows = Array.from({ length: clientCount }, (_, i) => {
    const status = random.pick(statuses);
    const startDate = addDays(today, -random.int(30, 3 * 365));
    return {
      organisationId,
      name: `${random.pick(FIRST)} ${random.pick(LAST)}-${random.pick(LAST)}`,
      preferredName: random.chance(0.2) ? random.pick(FIRST) : null,
      recordNumber: `L-${String(100000 + i)}`,
      recoveryFocus: random.pick(focuses),
      status,
      primaryCounselorId: pickCounselor().id,
      tags: TAGS.filter(() => random.chance(0.12)),
      startDate,
      timeZone: "America/New_York",
      dischargedOn: status === "discharged" ? addDays(startDate, random.int(30, 200)) > today ? today : addDays(startDate, random.int(30, 200)) : null,
      dischargeReason: status === "discharged" ? "Completed programme" : null,
      lastContactAt: random.chance(0.9) ? new Date(Date.parse(today) - random.int(0, 90) * 86_400_000) : null,
    };
  });
  const inserted: { id: string }[] = [];
  await insertInBatches(db, clientRows, async (batch) => {
    inserted.push(...(await db.insert(clients).values(batch).returning({ id: clients.id })));
    if (inserted.length % 5000 === 0) log(`${inserted.length} clients`);
  });
  const team = inserted.filter(() => random.chance(0.1)).map((c) => ({ organisationId, clientId: c.id, userId: random.pick(counselors).id }));
  await insertInBatches(db, team, (batch) => db.insert(clientCareTeam).values(batch).onConflictDoNothing());
  await db.execute(sql`analyze`);
  log(`${inserted.length} clients, ${team.length} care-team memberships`);

  const busiest = counselors[0]!;
  return { organisationId, directorEmail: supervisors[0]!.email, busiestCounselorEmail: busiest.email, counselors: counselors.length, clients: inserted.length };
}
