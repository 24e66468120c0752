import { sql } from "drizzle-orm";
import { hashPassword } from "@/auth/passwords";
import { rowsOf, type DatabaseHandle } from "@/db/client";
import type { ClientStatus, RecoveryFocus } from "@/db/schema";
import { addDays } from "@/lib/local-date";
import { copyRows, rawExec } from "./bulk";
import { loadActivity, type IdMaker, type LargeClient, type LoadCounts } from "./large-activity";
import { createRandom, type Random } from "./random";

export interface LargeSeedOptions {
  seed?: number;
  counselors?: number;
  clients?: number;
  /** Audit events per client on average (5 million for 20,000 clients). */
  auditPerClient?: number;
  /** The first supervisor ("the director") supervises this share of all counselors. */
  directorShare?: number;
  /** The small second organisation for cross-tenant tests: its number of clients (0 for none). */
  secondOrgClients?: number;
  today?: string;
  onProgress?: (message: string) => void;
}

export interface LargeSeedResult {
  organisationId: string;
  secondOrganisationId: string | null;
  directorEmail: string;
  busiestCounselorEmail: string;
  adminEmail: string;
  /** The client with the most check-ins (record L-100000) and a typical one (L-100001). */
  busiestClientId: string;
  typicalClientId: string;
  counts: LoadCounts & { counselors: number; clients: number; careTeam: number };
}

export const LARGE_PASSWORD = "attune-large-data";

const FIRST = ["Alex", "Bea", "Cal", "Dee", "Eli", "Fay", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou", "Max", "Ned", "Ola", "Pia", "Rae", "Sol", "Tia", "Uma", "Vic", "Wyn", "Xan", "Yas", "Zed"];
const LAST = ["Adams", "Baker", "Clark", "Diaz", "Evans", "Flores", "Green", "Hall", "Iyer", "Jones", "King", "Lopez", "Moore", "Nash", "Ortiz", "Price", "Quinn", "Reed", "Shaw", "Torres", "Vance", "Ward", "Young", "Zhou"];
const TAGS = ["evening group", "veteran", "court referred", "parenting", "housing support", "dual diagnosis", "young adult", "telehealth"];

/**
 * Deterministic ids: seed, organisation, table and a counter, in UUID form (version 4, variant
 * 8). Sequential ids also keep the primary-key indexes cheap to load.
 */
export function idMaker(seed: number, org: number): IdMaker {
  const seedHex = (seed >>> 0).toString(16).padStart(8, "0");
  return (table: number, n: number) => `${seedHex}-${(org * 256 + table).toString(16).padStart(4, "0")}-4000-8000-${n.toString(16).padStart(12, "0")}`;
}

interface OrgPlan {
  index: number;
  name: string;
  emailDomain: string;
  counselors: number;
  clients: number;
  directorShare: number;
}

async function loadOrganisation(handle: DatabaseHandle, plan: OrgPlan, seed: number, today: string, passwordHash: string, auditPerClient: number, log: (m: string) => void) {
  const random = createRandom(seed * 31 + plan.index);
  const id = idMaker(seed, plan.index);
  const organisationId = id(0, 1);
  const raw = handle.raw;
  await copyRows(raw, "organisations", ["id", "name"], [[organisationId, plan.name]]);

  const supervisorCount = Math.max(2, Math.round(plan.counselors / 25));
  const supervisors = Array.from({ length: supervisorCount }, (_, i) => ({
    id: id(1, i + 1),
    email: i === 0 ? `director.s${seed}@${plan.emailDomain}` : `supervisor${i}.s${seed}@${plan.emailDomain}`,
    name: i === 0 ? "Director Dana Reyes" : `Supervisor ${random.pick(FIRST)} ${random.pick(LAST)}`,
  }));
  const counselors = Array.from({ length: plan.counselors }, (_, i) => ({
    id: id(1, 1000 + i),
    email: `counselor${i}.s${seed}@${plan.emailDomain}`,
    name: `${random.pick(FIRST)} ${random.pick(LAST)} (${i})`,
    supervisorId: i < plan.counselors * plan.directorShare ? supervisors[0]!.id : supervisors[1 + (i % (supervisorCount - 1))]!.id,
  }));
  const admin = { id: id(1, 999), email: `admin.s${seed}@${plan.emailDomain}`, name: "Administrator Ari Cole" };
  const userColumns = ["id", "organisation_id", "email", "name", "role", "password_hash", "supervisor_id"];
  await copyRows(raw, "users", userColumns, [
    ...supervisors.map((s) => [s.id, organisationId, s.email, s.name, "supervisor", passwordHash, null]),
    [admin.id, organisationId, admin.email, admin.name, "admin", passwordHash, null],
  ]);
  await copyRows(raw, "users", userColumns, counselors.map((c) => [c.id, organisationId, c.email, c.name, "counselor", passwordHash, c.supervisorId]));
  log(`${plan.name}: ${counselors.length} counselors, ${supervisors.length} supervisors, 1 administrator`);

  const clients = planClients(random, plan, counselors, today, id);
  await copyRows(
    raw,
    "clients",
    ["id", "organisation_id", "name", "preferred_name", "record_number", "recovery_focus", "status", "primary_counselor_id", "tags", "start_date", "time_zone", "discharged_on", "discharge_reason", "last_contact_at"],
    clients.map((c) => [c.id, organisationId, c.name, c.preferredName, c.recordNumber, c.focus, c.status, c.counselorId, c.tags, c.startDate, c.timeZone, c.dischargedOn, c.dischargedOn ? "Completed programme" : null, c.lastContactAt]),
  );
  const team: (readonly unknown[])[] = [];
  for (const c of clients) {
    if (!random.chance(0.1)) continue;
    const member = random.pick(counselors).id;
    if (member !== c.counselorId) team.push([organisationId, c.id, member]);
  }
  await copyRows(raw, "client_care_team", ["organisation_id", "client_id", "user_id"], team);
  log(`${plan.name}: ${clients.length} clients, ${team.length} care-team memberships`);

  const counts = await loadActivity(raw, { organisationId, orgIndex: plan.index, seed, today, clients, counselors, supervisors, admin, auditPerClient, id, log });
  return { organisationId, supervisors, counselors, admin, clients, careTeam: team.length, counts };
}

function planClients(random: Random, plan: OrgPlan, counselors: { id: string }[], today: string, id: IdMaker): LargeClient[] {
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
  return Array.from({ length: plan.clients }, (_, i): LargeClient => {
    // Record L-100000 is the busiest client (three years, twice a week); L-100001 a typical one.
    const status = i < 2 ? "active" : random.pick(statuses);
    const startDate = i === 0 ? addDays(today, -3 * 365) : i === 1 ? addDays(today, -300) : addDays(today, -random.int(30, 3 * 365));
    const dischargeAfter = random.int(30, 400);
    const dischargedOn = status === "discharged" ? (addDays(startDate, dischargeAfter) > today ? addDays(today, -1) : addDays(startDate, dischargeAfter)) : null;
    const lastContact = random.chance(0.9) ? new Date(Date.parse(`${today}T12:00:00Z`) - random.int(0, 90) * 86_400_000) : null;
    return {
      index: i,
      id: id(2, i + 1),
      name: `${random.pick(FIRST)} ${random.pick(LAST)}-${random.pick(LAST)}`,
      preferredName: random.chance(0.2) ? random.pick(FIRST) : null,
      recordNumber: `L-${String(100000 + i)}`,
      focus: random.pick(focuses),
      status,
      counselorId: i < 2 ? counselors[0]!.id : pickCounselor().id,
      tags: TAGS.filter(() => random.chance(0.12)),
      startDate,
      timeZone: "America/New_York",
      dischargedOn,
      lastContactAt: lastContact,
    };
  });
}

// Not session_notes: its group notes are signed by an UPDATE, and an index built after HOT updates
// stays unusable (indcheckxmin) while any older transaction runs anywhere on the server.
const BULK_TABLES = ["checkin_administrations", "exercise_entries", "audit_events"];

/**
 * On PostgreSQL, the plain (non-unique) secondary indexes of the three big tables are dropped
 * before the COPY and rebuilt from their own definitions (pg_indexes) afterwards: one sort per
 * index instead of millions of random index insertions. Primary keys, unique indexes (the audit
 * chain's trigger reads its head through one), constraints and triggers stay on.
 */
async function dropBulkIndexes(handle: DatabaseHandle, log: (m: string) => void): Promise<() => Promise<void>> {
  if (handle.raw.driver !== "postgres") return async () => {};
  const sqlClient = handle.raw.sql;
  const indexes = await sqlClient<{ name: string; definition: string }[]>`
    select i.indexname as name, i.indexdef as definition from pg_indexes i
    where i.schemaname = 'public' and i.tablename = any(${BULK_TABLES})
      and i.indexdef not like 'CREATE UNIQUE %'
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
  for (const index of indexes) await sqlClient.unsafe(`drop index "${index.name}"`);
  return async () => {
    await sqlClient.unsafe("set maintenance_work_mem = '512MB'");
    for (const index of indexes) {
      const t0 = Date.now();
      await sqlClient.unsafe(index.definition);
      log(`index ${index.name} rebuilt in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
  };
}

/**
 * The large synthetic data set of SPEC.md, deterministically from a seed (and today's date):
 * an organisation with counselors under supervisors (one director over half of them, so one
 * person sees ~10,000 clients), an administrator, 20,000 clients, ~1.5 million scored check-ins,
 * 300,000 journal and exercise entries, 100,000 notes and 5 million audit events, plus a small
 * second organisation for cross-tenant tests. Loaded with COPY; triggers stay on.
 */
export async function seedLargeDataset(handle: DatabaseHandle, options: LargeSeedOptions = {}): Promise<LargeSeedResult> {
  const seed = options.seed ?? 42;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const log = options.onProgress ?? (() => {});
  const director = `director.s${seed}@large.example`;
  const existing = rowsOf<{ n: number }>(await handle.db.execute(sql`select count(*)::int as n from users where lower(email) = ${director}`));
  if (Number(existing[0]?.n ?? 0) > 0) throw new Error(`This database already holds the large data set for seed ${seed}: use a fresh database.`);
  const passwordHash = await hashPassword(LARGE_PASSWORD);
  // One long COPY per table: lift the app's 15 s statement timeout for this session.
  if (handle.raw.driver === "postgres") await rawExec(handle.raw, "set statement_timeout = 0; set synchronous_commit = off");

  const clients = options.clients ?? 20_000;
  const rebuild = await dropBulkIndexes(handle, log);
  const main = await loadOrganisation(
    handle,
    { index: 0, name: `Large synthetic organisation (seed ${seed})`, emailDomain: "large.example", counselors: options.counselors ?? 200, clients, directorShare: options.directorShare ?? 0.5 },
    seed,
    today,
    passwordHash,
    options.auditPerClient ?? 250,
    log,
  );
  const secondClients = options.secondOrgClients ?? 60;
  const second = secondClients
    ? await loadOrganisation(
        handle,
        { index: 1, name: `Second synthetic organisation (seed ${seed})`, emailDomain: "second.large.example", counselors: 3, clients: secondClients, directorShare: 1 },
        seed,
        today,
        passwordHash,
        options.auditPerClient ?? 250,
        log,
      )
    : null;
  await rebuild();
  log("analyze");
  await rawExec(handle.raw, "analyze");
  return {
    organisationId: main.organisationId,
    secondOrganisationId: second?.organisationId ?? null,
    directorEmail: director,
    busiestCounselorEmail: main.counselors[0]!.email,
    adminEmail: main.admin.email,
    busiestClientId: main.clients[0]!.id,
    typicalClientId: main.clients[1]!.id,
    counts: { ...main.counts, counselors: main.counselors.length, clients: main.clients.length, careTeam: main.careTeam },
  };
}
