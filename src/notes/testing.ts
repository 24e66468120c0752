import { and, eq, isNull, ne } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { Db } from "@/db/client";
import { clientCareTeam, clients, supportContacts, users } from "@/db/schema";
import { executeAction, type ActionSpec, type Handler } from "@/lib/action-core";
import { testMeta } from "@/lib/testing/fixtures";
import type { z } from "zod";
import { addDays } from "@/lib/local-date";
import { todayIn } from "@/lib/zod-fields";
import { createNote, createNoteSpec } from "./mutations";

/** The demo users by the part of their email before the @ (counselor, supervisor, other-org…). */
export async function demoActors(db: Db): Promise<Record<string, Actor>> {
  const out: Record<string, Actor> = {};
  for (const row of await db.select().from(users)) {
    out[row.email.split("@")[0]!] = { userId: row.id, organisationId: row.organisationId, role: row.role, name: row.name, email: row.email };
  }
  return out;
}

export function runAs(db: Db, actor: Actor) {
  return <S extends z.ZodType, R, T>(spec: ActionSpec<S, R, T>, handler: Handler<S, R, T>, input: unknown) => executeAction(db, actor, spec, handler, input, testMeta);
}

/** counselor@'s clients: one of their own no one else is on, and one shared with counselor2. */
export async function demoTargets(db: Db, counselor: Actor, counselor3: Actor) {
  const shared = await db.selectDistinct({ id: clients.id }).from(clients).innerJoin(clientCareTeam, eq(clientCareTeam.clientId, clients.id)).where(and(eq(clients.primaryCounselorId, counselor.userId), eq(clients.status, "active")));
  const sharedIds = new Set(shared.map((s) => s.id));
  const own = (await db.select({ id: clients.id }).from(clients).where(and(eq(clients.primaryCounselorId, counselor.userId), eq(clients.status, "active")))).filter((c) => !sharedIds.has(c.id));
  const [elsewhere] = await db.select({ id: clients.id }).from(clients).where(and(eq(clients.primaryCounselorId, counselor3.userId), ne(clients.status, "discharged")));
  return { own: own[0]!.id, own2: own[1]!.id, shared: shared[0]!.id, elsewhere: elsewhere!.id };
}

export async function addSupporter(db: Db, organisationId: string, clientId: string, name: string): Promise<string> {
  const [row] = await db.insert(supportContacts).values({ organisationId, clientId, name, relationship: "parent" }).returning({ id: supportContacts.id });
  return row!.id;
}

export async function activeSupporters(db: Db, clientId: string) {
  return db.select({ id: supportContacts.id }).from(supportContacts).where(and(eq(supportContacts.clientId, clientId), isNull(supportContacts.archivedAt)));
}

export const lastWeek = () => addDays(todayIn("UTC"), -7);

/** A fresh draft by the actor, through the create action. */
export async function newDraft(db: Db, actor: Actor, clientId: string, type: "individual" | "family_support" | "group", sessionDate = lastWeek()): Promise<string> {
  const outcome = await executeAction(db, actor, createNoteSpec, createNote, { clientId, type, sessionDate, attendance: "attended" }, testMeta);
  if (outcome.kind !== "ok") throw new Error(`could not create a draft: ${JSON.stringify(outcome)}`);
  return outcome.result.id;
}

/** A complete note's form fields, ready to sign, with any field replaced. */
export function content(clientId: string, noteId: string, version: number, over: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    clientId,
    noteId,
    version: String(version),
    sessionDate: lastWeek(),
    startTime: "10:00",
    durationMinutes: "50",
    attendance: "attended",
    data: "Client described feeling 'flat' at a family dinner.",
    assessment: "Numbness persists in family settings; engaged in session.",
    plan: "Body scan daily; review next week.",
    ...over,
  };
}
