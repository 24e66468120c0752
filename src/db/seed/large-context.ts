import type { ClientStatus, RecoveryFocus } from "@/db/schema";
import { startOfLocalDayInstant, type LocalDate } from "@/lib/local-date";
import { createRandom, type Random } from "./random";

// The large data set's shared shapes and helpers, used by each table's loader
// (large-checkins.ts, large-activity.ts, large-audit.ts).

/** Deterministic ids by table and counter (see idMaker in ./large). */
export type IdMaker = (table: number, n: number) => string;

export interface LargeClient {
  index: number;
  id: string;
  name: string;
  preferredName: string | null;
  recordNumber: string;
  focus: RecoveryFocus;
  status: ClientStatus;
  counselorId: string;
  tags: string[];
  startDate: LocalDate;
  timeZone: string;
  dischargedOn: LocalDate | null;
  lastContactAt: Date | null;
}

export interface LoadCounts {
  checkins: number;
  busiestClientCheckins: number;
  alerts: number;
  assignments: number;
  entries: number;
  notes: number;
  groupMembers: number;
  addenda: number;
  auditEvents: number;
}

/** What every table's loader works from: the organisation, its clients and people, and a seeded generator. */
export interface Context {
  organisationId: string;
  orgIndex: number;
  seed: number;
  today: LocalDate;
  clients: LargeClient[];
  counselors: { id: string; supervisorId: string }[];
  supervisors: { id: string }[];
  admin: { id: string };
  auditPerClient: number;
  id: IdMaker;
  log: (message: string) => void;
}

export const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));
/** A generator of its own for each (client, purpose), so every table can be produced in its own pass. */
export function randomFor(ctx: Context, index: number, salt: number): Random {
  let h = Math.imul(ctx.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(ctx.orgIndex + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13), 0x27d4eb2f) ^ Math.imul(index + 1, 0x165667b1) ^ Math.imul(salt + 7, 0x9e3779b1);
  return createRandom((h ^ (h >>> 16)) >>> 0);
}

const dayStarts = new Map<string, number>();
export function at(date: LocalDate, timeZone: string, minutes: number): Date {
  const key = `${timeZone}|${date}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = startOfLocalDayInstant(date, timeZone).getTime();
    dayStarts.set(key, start);
  }
  return new Date(start + minutes * 60_000);
}
