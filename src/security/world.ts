import { and, asc, eq, isNull, notInArray } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import { addCustomExercise, addCustomExerciseSpec } from "@/exercises/library";
import { createAssignment, createAssignmentSpec } from "@/assignments/mutations";
import { administer, administerSpec } from "@/checkins/administer";
import { upload, uploadSpec } from "@/checkins/imports";
import { createSchedule, createScheduleSpec } from "@/checkins/schedules";
import { moodScreen } from "@/checkins/testing/questionnaire";
import type { Db } from "@/db/client";
import { checkinSchedules, clientCareTeam, clients, consents, criticalAlerts, users } from "@/db/schema";
import { executeAction, type ActionSpec, type Handler } from "@/lib/action-core";
import { executePortalAction } from "@/lib/portal-action-core";
import { addDays, localDateOf } from "@/lib/local-date";
import { createNote, createNoteSpec, saveNote, saveNoteSpec, signNote, signNoteSpec } from "@/notes/mutations";
import { submitEntry, submitEntrySpec } from "@/portal/entries";
import { createLink, createLinkSpec } from "@/portal/links";
import { resolvePortalLink } from "@/portal/session";
import { shareSummary, shareSummarySpec } from "@/reports/summary-share";
import { addContact, addContactSpec } from "@/support-network/mutations";
import { inviteUser, inviteUserSpec, issueReset, issueResetSpec } from "@/users/admin-mutations";
import type { z } from "zod";
import type { MatrixRole, MatrixTarget } from "./matrix";

export const NUMBNESS_URL = "https://attune.health/fhir/Questionnaire/attune-numbness";
const CALM_ANSWERS = { flat: "some-of-the-time", empty: "once-in-a-while", distant: "some-of-the-time", joy: "often", interest: "once-in-a-while", body: "not-at-all", naming: "often", worth: "not-at-all" };
/** "worth: often" is the numbness check-in's critical answer: it raises an alert. */
const CRITICAL_ANSWERS = { ...CALM_ANSWERS, worth: "often" };

/** One client and a record of every kind that hangs off it, all made through the real actions. */
export interface TargetRecords {
  clientId: string;
  clientName: string;
  recordNumber: string;
  /** Who holds the client (counselor, counselor2, other). */
  owner: MatrixRole;
  contactId: string;
  consentId: string;
  draftNoteId: string;
  signedNoteId: string;
  assignmentId: string;
  entryId: string;
  scheduleId: string;
  administrationId: string;
  alertId: string;
  linkId: string;
  /** The raw portal token of the client's own link (only its hash is stored). */
  portalToken: string;
}

/** What an administrator acts on, per organisation. */
export interface OrganisationRecords {
  organisationId: string;
  /** An active clinician an administrator may change, reset or deactivate. */
  userId: string;
  /** An invited user, with the raw token of their invitation. */
  invitedUserId: string;
  inviteToken: string;
  resetToken: string;
  /** A draft imported questionnaire. */
  instrumentId: string;
  /** The organisation's own exercise (the id the library page uses). */
  exerciseId: string;
}

export interface MatrixWorld {
  actors: Record<MatrixRole | "counselor3", Actor>;
  targets: Record<MatrixTarget, TargetRecords>;
  /** own: the demo organisation; foreign: the second one. */
  organisations: Record<"own" | "foreign", OrganisationRecords>;
}

const meta = { ip: "192.0.2.80", userAgent: "matrix-world" };
let keyCounter = 0;
const newKey = (label: string) => `${label}-${Date.now().toString(36)}-${(keyCounter++).toString(36)}`.padEnd(20, "x").slice(0, 60);

async function run<S extends z.ZodType, R, T>(db: Db, actor: Actor, spec: ActionSpec<S, R, T>, handler: Handler<S, R, T>, input: unknown): Promise<T> {
  const outcome = await executeAction(db, actor, spec, handler, input, meta);
  if (outcome.kind !== "ok") throw new Error(`matrix world: ${spec.name} as ${actor.email} failed: ${JSON.stringify(outcome)}`);
  return outcome.result;
}

async function demoActors(db: Db): Promise<MatrixWorld["actors"]> {
  const rows = await db.select().from(users);
  const byKey = new Map(rows.map((u) => [u.email.split("@")[0]!, { userId: u.id, organisationId: u.organisationId, role: u.role, name: u.name, email: u.email } satisfies Actor]));
  const pick = (key: string) => {
    const actor = byKey.get(key);
    if (!actor) throw new Error(`matrix world: the demo seed has no ${key}@`);
    return actor;
  };
  return { admin: pick("admin"), supervisor: pick("supervisor"), counselor: pick("counselor"), counselor2: pick("counselor2"), counselor3: pick("counselor3"), other: pick("other-org") };
}

// Clients the browser tests work with: the matrix leaves them alone so neither disturbs the other.
const BROWSER_TEST_CLIENTS = ["RRC-1001", "RRC-1002", "RRC-1003", "RRC-1004", "RRC-1005", "RRC-1006", "RRC-1007", "RRC-1008", "RRC-1017", "RRC-1020"];

/** An active client held by this counselor alone (nobody else on its care team). */
async function soleClient(db: Db, counselor: Actor) {
  const shared = db.select({ id: clientCareTeam.clientId }).from(clientCareTeam);
  const [row] = await db
    .select({ id: clients.id, name: clients.name, recordNumber: clients.recordNumber, timeZone: clients.timeZone })
    .from(clients)
    .where(and(eq(clients.primaryCounselorId, counselor.userId), eq(clients.status, "active"), notInArray(clients.id, shared), notInArray(clients.recordNumber, BROWSER_TEST_CLIENTS)))
    .orderBy(asc(clients.recordNumber))
    .limit(1);
  if (!row) throw new Error(`matrix world: ${counselor.email} holds no active client of their own`);
  return row;
}

async function buildTarget(db: Db, owner: MatrixRole, actor: Actor, client: { id: string; name: string; recordNumber: string; timeZone: string }, today: string): Promise<TargetRecords> {
  const clientId = client.id;
  const contact = await run(db, actor, addContactSpec, addContact, {
    clientId,
    name: `Matrix Supporter ${client.recordNumber}`,
    relationship: "sibling",
    scope: "progress_summaries",
    validFrom: today,
  });
  const [consent] = await db.select({ id: consents.id }).from(consents).where(and(eq(consents.contactId, contact.id), isNull(consents.revokedAt)));

  const draft = await run(db, actor, createNoteSpec, createNote, { clientId, type: "individual", sessionDate: today, attendance: "attended" });
  const signed = await run(db, actor, createNoteSpec, createNote, { clientId, type: "individual", sessionDate: today, attendance: "attended" });
  const body = { clientId, noteId: signed.id, sessionDate: today, startTime: "09:00", durationMinutes: "50", attendance: "attended", data: "Matrix session data.", assessment: "Matrix assessment.", plan: "Matrix plan." };
  await run(db, actor, saveNoteSpec, saveNote, { ...body, version: "1" });
  await run(db, actor, signNoteSpec, signNote, { ...body, version: "2" });

  const assignment = await run(db, actor, createAssignmentSpec, createAssignment, { clientId, assignee: "client", exerciseId: "body-scan", cadence: "daily", startDate: today, confirmDuplicate: "yes" });
  const link = await run(db, actor, createLinkSpec, createLink, { clientId, holder: "client" });
  const holder = await resolvePortalLink(db, link.token, meta.ip);
  if (!holder) throw new Error("matrix world: a new portal link did not resolve");
  const entry = await executePortalAction(db, holder, submitEntrySpec, submitEntry, { assignmentId: assignment.id, idempotencyKey: newKey("entry"), answers: JSON.stringify({ notes: "Matrix entry." }) }, meta);
  if (entry.kind !== "ok" || !entry.result.entryId) throw new Error(`matrix world: entry failed: ${JSON.stringify(entry)}`);

  // Any schedule of the numbness check-in the seed left active would block a new one.
  await db.update(checkinSchedules).set({ status: "ended" }).where(and(eq(checkinSchedules.clientId, clientId), eq(checkinSchedules.instrumentUrl, NUMBNESS_URL)));
  const schedule = await run(db, actor, createScheduleSpec, createSchedule, { clientId, instrumentUrl: NUMBNESS_URL, respondent: "client", cadence: "weekly", startDate: localDateOf(new Date(), client.timeZone) });
  const administered = await run(db, actor, administerSpec, administer, {
    clientId,
    instrument: NUMBNESS_URL,
    respondent: "client",
    idempotencyKey: newKey("administer"),
    answers: JSON.stringify(CRITICAL_ANSWERS),
  });
  // The client sees a summary of this period in the portal.
  await run(db, actor, shareSummarySpec, shareSummary, { clientId, from: addDays(today, -90), to: today });
  const [alert] = await db.select({ id: criticalAlerts.id }).from(criticalAlerts).where(and(eq(criticalAlerts.administrationId, administered.id), isNull(criticalAlerts.acknowledgedAt)));
  if (!consent || !alert) throw new Error("matrix world: a consent or an alert is missing");
  return {
    clientId,
    clientName: client.name,
    recordNumber: client.recordNumber,
    owner,
    contactId: contact.id,
    consentId: consent.id,
    draftNoteId: draft.id,
    signedNoteId: signed.id,
    assignmentId: assignment.id,
    entryId: entry.result.entryId,
    scheduleId: schedule.id,
    administrationId: administered.id,
    alertId: alert.id,
    linkId: link.id,
    portalToken: link.token,
  };
}

const exerciseFile = (id: string) => `---
id: ${id}
title: Matrix check
kind: journal
audience: client
minutes: 3
purpose: A short look back at the day.
version: 1
fields:
  - id: moment
    type: long_text
    label: One moment from today
    required: true
---
Write one moment from today.
`;

async function buildOrganisation(db: Db, admin: Actor, clinician: Actor, label: string): Promise<OrganisationRecords> {
  const invited = await run(db, admin, inviteUserSpec, inviteUser, { name: `Matrix Invitee ${label}`, email: `matrix-invitee-${label}@attune.test`, role: "counselor" });
  const reset = await run(db, admin, issueResetSpec, issueReset, { userId: clinician.userId });
  const instrument = await run(db, admin, uploadSpec, upload, { json: JSON.stringify(moodScreen("9.0.0")) });
  const exerciseId = `matrix-check-${label}`;
  await run(db, admin, addCustomExerciseSpec, addCustomExercise, { text: exerciseFile(exerciseId), intent: "save" });
  const tokenOf = (path: string) => path.split("/").at(-1)!;
  return {
    organisationId: admin.organisationId,
    userId: clinician.userId,
    invitedUserId: invited.userId,
    inviteToken: tokenOf(invited.link.path),
    resetToken: tokenOf(reset.path),
    instrumentId: instrument.id,
    exerciseId,
  };
}

/**
 * Adds the permission matrix's records to a freshly seeded demo database and says where they
 * are. The second organisation has no administrator, so its admin-side records are made with a
 * stand-in administrator of that organisation (only the audit trail names other-org@).
 */
export async function buildMatrixWorld(db: Db): Promise<MatrixWorld> {
  const actors = await demoActors(db);
  const [foreignClient] = await db
    .select({ id: clients.id, name: clients.name, recordNumber: clients.recordNumber, timeZone: clients.timeZone })
    .from(clients)
    .where(eq(clients.organisationId, actors.other.organisationId))
    .limit(1);
  if (!foreignClient) throw new Error("matrix world: the second organisation has no client");
  // Each client's own today: a note is signed against the client's calendar, and just after
  // midnight UTC the clients in American zones are still on the day before.
  const target = async (owner: MatrixRole, actor: Actor, client: { id: string; name: string; recordNumber: string; timeZone: string }) => buildTarget(db, owner, actor, client, localDateOf(new Date(), client.timeZone));
  const targets = {
    own: await target("counselor", actors.counselor, await soleClient(db, actors.counselor)),
    colleague: await target("counselor2", actors.counselor2, await soleClient(db, actors.counselor2)),
    foreign: await target("other", actors.other, foreignClient),
  };
  const standIn: Actor = { ...actors.other, role: "admin" };
  const organisations = {
    own: await buildOrganisation(db, actors.admin, actors.counselor3, "own"),
    foreign: await buildOrganisation(db, standIn, actors.other, "foreign"),
  };
  return { actors, targets, organisations };
}
