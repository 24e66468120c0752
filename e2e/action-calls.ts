import { moodScreen, moodScreenScoring } from "../src/checkins/testing/questionnaire";
import type { MatrixRole, MatrixTarget } from "../src/security/matrix";
import type { ActionServer } from "./action-server";
import type { ActionState, Fields, Observed } from "./action-http";
import { matrixExerciseFile as exerciseFile, matrixNoteText } from "../src/security/testing/matrix-texts";

/**
 * One valid call per server action, over HTTP: the same inputs as the integration matrix
 * (src/security/testing/action-inputs.ts), so that only the record differs between cells. What
 * that file reads from the database (a row's version, the id of a record just made) is read here
 * through the server's read-only probe; what it prepares by writing (a draft to sign, a consent to
 * revoke, a discharged client to readmit) is done here over HTTP too, by someone allowed to, before
 * the cell and before its "nothing changed" snapshot. Allowed cells change the world, so each one
 * that would spoil a later cell either works on a record of its own (made just before) or puts the
 * world back right after (readmit after discharge, two-factor off after turning it on).
 */
export type Who = MatrixRole | "anonymous";

export interface CallContext {
  world: ActionServer["world"];
  role: Who;
  target: MatrixTarget | null;
  read: ActionServer["read"];
  /** Another action, as someone allowed to, for what a cell needs first; fails unless allowed. */
  act(as: MatrixRole, action: string, fields: Fields, target?: MatrixTarget | null): Promise<ActionState | undefined>;
  password(role: MatrixRole): string;
  setPassword(role: MatrixRole, password: string): void;
  /** An unused one-time link made for this test (scripts/e2e-world.ts, ATTUNE_E2E_SPARE_LINKS). */
  spareLink(kind: "invite" | "reset", organisation: "own" | "foreign"): string;
}

export interface HttpCall {
  fields?: Fields;
  /** Plain arguments instead of a form. */
  args?: unknown[];
  /** The page to post to, when it must be a particular one (the link's own page). */
  page?: string;
  /** After an allowed call: put back what later cells need. */
  after?(observed: Observed, state: ActionState | undefined): Promise<void>;
}

export const NUMBNESS_URL = "https://attune.health/fhir/Questionnaire/attune-numbness";
const EMPATHY_URL = "https://attune.health/fhir/Questionnaire/attune-empathy-connection";
const CALM = { flat: "some-of-the-time", empty: "once-in-a-while", distant: "some-of-the-time", joy: "often", interest: "once-in-a-while", body: "not-at-all", naming: "often", worth: "not-at-all" };
/** "worth: often" raises a critical alert. */
const CRITICAL = { ...CALM, worth: "often" };
const NEW_PASSWORD = "a long new matrix password";
// The earliest date in use anywhere now (UTC-12): never in the future on any client's calendar,
// as a session to sign must not be (just after midnight UTC, American zones are a day behind).
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Etc/GMT+12" }).format(new Date());
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
let counter = 0;
const unique = (label: string) => `${label}-${Date.now().toString(36)}-${(counter++).toString(36)}`.padEnd(20, "x").slice(0, 60);

const client = (c: CallContext) => c.world.targets[c.target ?? "own"];
const organisation = (c: CallContext) => c.world.organisations[c.target === "foreign" ? "foreign" : "own"];
/** Who holds the record (counselor, counselor2, other): the one who prepares it. */
const owner = (c: CallContext): MatrixRole => client(c).owner;
/** For an allowed cell the person themselves prepares; for a refused one, the record's holder. */
const preparer = (c: CallContext, allowed: boolean): MatrixRole => (allowed && c.role !== "anonymous" ? c.role : owner(c));

async function one<T>(c: CallContext, sql: string, params: unknown[]): Promise<T> {
  const [row] = await c.read<T>(sql, params);
  if (!row) throw new Error(`nothing for: ${sql} ${JSON.stringify(params)}`);
  return row;
}
/**
 * The world's imported check-in while it is still a draft; once an earlier call has published or
 * retired it (the matrix runs those last, but the hostile pass comes after the matrix), a new
 * draft version of it, uploaded as the administrator, so publishing has something to publish.
 */
async function draftInstrument(c: CallContext): Promise<string> {
  const { instrumentId, organisationId } = organisation(c);
  if ((await one<{ status: string }>(c, "select status from imported_instruments where id = $1", [instrumentId])).status === "draft") return instrumentId;
  await c.act("admin", "uploadInstrumentAction", { json: JSON.stringify(moodScreen(`9.${Date.now() % 1_000_000}.0`)) });
  return (await one<{ id: string }>(c, "select id from imported_instruments where organisation_id = $1 and status = 'draft' order by created_at desc limit 1", [organisationId])).id;
}
const versionOf = async (c: CallContext, table: string, id: string) => String((await one<{ version: number }>(c, `select version from ${table} where id = $1`, [id])).version);

async function noteContent(c: CallContext, noteId: string): Promise<Fields> {
  return {
    clientId: client(c).clientId,
    noteId,
    version: await versionOf(c, "session_notes", noteId),
    sessionDate: today(),
    ...matrixNoteText,
  };
}


async function endActiveSchedule(c: CallContext, as: MatrixRole, instrumentUrl: string): Promise<void> {
  const { clientId } = client(c);
  for (const row of await c.read<{ id: string; version: number }>("select id, version from checkin_schedules where client_id = $1 and instrument_url = $2 and status = 'active'", [clientId, instrumentUrl])) {
    await c.act(as, "endScheduleAction", { clientId, scheduleId: row.id, version: String(row.version) }, c.target);
  }
}

/** A new active schedule of this check-in for the cell's client (the one there was ends first). */
async function freshSchedule(c: CallContext, as: MatrixRole, instrumentUrl: string): Promise<string> {
  const { clientId } = client(c);
  await endActiveSchedule(c, as, instrumentUrl);
  await c.act(as, "createScheduleAction", { clientId, instrumentUrl, respondent: "client", cadence: "weekly", startDate: today() }, c.target);
  return (await one<{ id: string }>(c, "select id from checkin_schedules where client_id = $1 and instrument_url = $2 and status = 'active' order by created_at desc limit 1", [clientId, instrumentUrl])).id;
}

/**
 * Puts back what the hostile pass may have changed for good: an allowed call with a hostile but
 * valid field (a discharge whose reason is any text) has no `after`, and a discharged client makes
 * the world's portal link dead for every later portal action. Each target client back in care.
 */
export async function restoreWorld(c: CallContext): Promise<void> {
  for (const target of ["own", "colleague", "foreign"] as const) {
    const { clientId } = c.world.targets[target];
    const [row] = await c.read<{ status: string; version: number }>("select status, version from clients where id = $1", [clientId]);
    if (row?.status !== "discharged") continue;
    await c.act(c.world.targets[target].owner, "readmitClientAction", { clientId, version: String(row.version), status: "active", startDate: today() }, target);
  }
}

type Builder = (c: CallContext, allowed: boolean) => HttpCall | Promise<HttpCall>;

/** Keyed by the action's name (each is unique in the inventory). */
export const httpCalls: Record<string, Builder> = {
  // Sign-in, invitations, resets.
  signInAction: (c) => {
    const role: MatrixRole = c.role === "anonymous" ? "counselor" : c.role;
    return { fields: { email: c.world.actors[role].email, password: c.password(role), callbackUrl: "/" } };
  },
  // What the session-timeout dialog's button sends: signOutAction("signed_out").
  signOutAction: () => ({ args: ["signed_out"] }),
  acceptInvitationAction: (c) => {
    const token = c.spareLink("invite", c.target === "foreign" ? "foreign" : "own");
    return { page: `/invite/${token}`, fields: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } };
  },
  resetPasswordAction: (c) => {
    const token = c.spareLink("reset", c.target === "foreign" ? "foreign" : "own");
    return { page: `/reset/${token}`, fields: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } };
  },

  // Everyone signed in.
  updateProfileAction: () => ({ fields: { name: "Matrix Name" } }),
  saveAlertPreferencesAction: () => ({ fields: { deterioration: "on" } }),
  changePasswordAction: (c) => {
    if (c.role === "anonymous") return { fields: { currentPassword: "not a session at all", newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } };
    const role = c.role;
    const next = `${NEW_PASSWORD} ${unique("n").slice(2, 14)}`;
    return {
      fields: { currentPassword: c.password(role), newPassword: next, confirmPassword: next },
      after: async () => c.setPassword(role, next),
    };
  },
  beginTwoFactorAction: () => ({ fields: {} }),
  confirmTwoFactorAction: async (c) => {
    if (c.role === "anonymous") return { fields: { code: "000000" } };
    const role = c.role;
    const begun = await c.act(role, "beginTwoFactorAction", {});
    const secret = (begun?.data as { secretForTyping: string }).secretForTyping;
    const { totp } = await import("./action-http");
    return {
      fields: { code: await totp(secret) },
      // Two-factor off again (with a recovery code), so signing in stays one step.
      after: async (_o, state) => {
        const codes = (state?.data as { recoveryCodes: string[] }).recoveryCodes;
        await c.act(role, "disableTwoFactorAction", { password: c.password(role), code: codes[0]! });
      },
    };
  },
  disableTwoFactorAction: async (c) => {
    if (c.role === "anonymous") return { fields: { password: "not a session at all", code: "0000000000" } };
    const role = c.role;
    const begun = await c.act(role, "beginTwoFactorAction", {});
    const { totp } = await import("./action-http");
    const confirmed = await c.act(role, "confirmTwoFactorAction", { code: await totp((begun?.data as { secretForTyping: string }).secretForTyping) });
    return { fields: { password: c.password(role), code: (confirmed?.data as { recoveryCodes: string[] }).recoveryCodes[0]! } };
  },

  // Administration.
  inviteUserAction: () => ({ fields: { name: "Matrix Invitee", email: `${unique("invitee")}@attune.test`, role: "counselor" } }),
  reissueInviteAction: (c) => ({ fields: { userId: organisation(c).invitedUserId } }),
  issueResetAction: (c) => ({ fields: { userId: organisation(c).userId } }),
  changeAccessAction: (c) => ({ fields: { userId: organisation(c).userId, role: "counselor", supervisorId: "" } }),
  deactivateUserAction: (c) => ({
    fields: { userId: organisation(c).userId, moveAllTo: c.world.actors.counselor.userId },
    after: async () => void (await c.act("admin", "reactivateUserAction", { userId: organisation(c).userId })),
  }),
  reactivateUserAction: async (c) => {
    const { userId } = organisation(c);
    // Only the demo organisation has an administrator to deactivate someone first.
    if (c.target !== "foreign" && (await one<{ status: string }>(c, "select status from users where id = $1", [userId])).status !== "deactivated") {
      await c.act("admin", "deactivateUserAction", { userId, moveAllTo: c.world.actors.counselor.userId });
    }
    return { fields: { userId } };
  },
  uploadInstrumentAction: () => ({
    fields: {
      json: JSON.stringify({
        resourceType: "Questionnaire",
        url: `http://example.org/fhir/Questionnaire/${unique("q")}`,
        version: "1.0.0",
        title: "Matrix screen",
        status: "active",
        item: [
          {
            linkId: "a",
            type: "choice",
            text: "How often?",
            answerOption: [0, 1, 2].map((w) => ({ valueCoding: { system: "http://example.org/f", code: `c${w}`, display: `C${w}` }, extension: [{ url: "http://hl7.org/fhir/StructureDefinition/itemWeight", valueDecimal: w }] })),
          },
        ],
      }),
    },
  }),
  setScoringAction: (c) => ({ fields: moodScreenScoring(organisation(c).instrumentId) }),
  publishInstrumentAction: async (c) => {
    const instrumentId = c.target === "foreign" ? organisation(c).instrumentId : await draftInstrument(c);
    if (c.target !== "foreign") await c.act("admin", "setScoringAction", moodScreenScoring(instrumentId));
    return { fields: { instrumentId } };
  },
  retireInstrumentAction: async (c) => {
    const { instrumentId } = organisation(c);
    if (c.target !== "foreign" && (await one<{ status: string }>(c, "select status from imported_instruments where id = $1", [instrumentId])).status === "draft") {
      await c.act("admin", "setScoringAction", moodScreenScoring(instrumentId));
      await c.act("admin", "publishInstrumentAction", { instrumentId });
    }
    return { fields: { instrumentId } };
  },
  setOrgTwoFactorAction: () => ({ fields: { required: "no" } }),
  setPaperSizeAction: () => ({ fields: { paperSize: "letter" } }),
  saveMessageSettingsAction: () => ({ fields: { senderName: "Northside", signature: "The team", quietStart: "21", quietEnd: "8", reminderHour: "9" } }),
  refitExpectedRecoveryAction: () => ({ fields: { instrument: "https://attune.health/fhir/Questionnaire/attune-numbness|1.0.0" } }),
  setCrisisLinesAction: () => ({ fields: { country: "GB", name1: "Matrix line", contact1: "Call 116 123" } }),
  resetTwoFactorAction: (c) => ({ fields: { userId: organisation(c).userId } }),
  addCustomExerciseAction: () => ({ fields: { text: exerciseFile(unique("matrix-extra").toLowerCase().replace(/[^a-z0-9-]/g, "-")), intent: "save" } }),

  // Clinicians, not about one client.
  createClientAction: (c) => ({
    fields: {
      name: "Matrix Newcomer",
      recordNumber: unique("MX"),
      recoveryFocus: "trauma",
      status: "intake",
      primaryCounselorId: c.role !== "anonymous" && c.role !== "admin" ? c.world.actors[c.role].userId : c.world.actors.counselor.userId,
      startDate: today(),
      timeZone: "UTC",
    },
  }),
  previewImportAction: (c) => ({
    fields: { csv: `name,record_number,recovery_focus,primary_counselor_email,start_date\nMatrix Import,${unique("MXI")},trauma,${c.role === "anonymous" ? "counselor@attune.demo" : c.world.actors[c.role].email},${today()}\n` },
  }),
  commitImportAction: (c) => ({
    fields: { csv: `name,record_number,recovery_focus,primary_counselor_email,start_date\nMatrix Import,${unique("MXI")},trauma,${c.role === "anonymous" ? "counselor@attune.demo" : c.world.actors[c.role].email},${today()}\n` },
  }),

  // One client's record.
  updateClientAction: async (c) => {
    const row = await one<Record<string, string | number>>(
      c,
      "select version, name, record_number, recovery_focus, status, primary_counselor_id, start_date::text as start_date, time_zone from clients where id = $1",
      [client(c).clientId],
    );
    return {
      fields: {
        clientId: client(c).clientId,
        version: String(row.version),
        name: String(row.name),
        recordNumber: String(row.record_number),
        recoveryFocus: String(row.recovery_focus),
        status: row.status === "discharged" ? "active" : String(row.status),
        primaryCounselorId: String(row.primary_counselor_id),
        startDate: String(row.start_date),
        timeZone: String(row.time_zone),
        tags: "matrix",
      },
    };
  },
  dischargeClientAction: async (c) => {
    const { clientId } = client(c);
    return {
      fields: { clientId, version: await versionOf(c, "clients", clientId), dischargedOn: today(), reason: "Matrix discharge." },
      // Back in care, for the next cell and every later action.
      after: async () => void (await c.act(c.role as MatrixRole, "readmitClientAction", { clientId, version: await versionOf(c, "clients", clientId), status: "active", startDate: today() }, c.target)),
    };
  },
  readmitClientAction: async (c) => {
    const { clientId } = client(c);
    if ((await one<{ status: string }>(c, "select status from clients where id = $1", [clientId])).status !== "discharged") {
      await c.act(owner(c), "dischargeClientAction", { clientId, version: await versionOf(c, "clients", clientId), dischargedOn: today(), reason: "Matrix discharge." }, c.target);
    }
    return { fields: { clientId, version: await versionOf(c, "clients", clientId), status: "active", startDate: today() } };
  },
  addContactAction: (c) => ({ fields: { clientId: client(c).clientId, name: "Matrix Friend", relationship: "friend", scope: "nothing", validFrom: today() } }),
  archiveContactAction: async (c, allowed) => {
    const { clientId } = client(c);
    let contactId = client(c).contactId;
    if (allowed) {
      // A contact of its own: the world's stays for the consent actions.
      await c.act(preparer(c, allowed), "addContactAction", { clientId, name: "Matrix Leaver", relationship: "friend", scope: "nothing", validFrom: today() }, c.target);
      contactId = (await one<{ id: string }>(c, "select id from support_contacts where client_id = $1 and archived_at is null order by created_at desc limit 1", [clientId])).id;
    }
    return { fields: { clientId, contactId, version: await versionOf(c, "support_contacts", contactId) } };
  },
  recordConsentAction: (c) => ({ fields: { clientId: client(c).clientId, contactId: client(c).contactId, scope: "attendance_only", validFrom: today() } }),
  revokeConsentAction: async (c, allowed) => {
    const { clientId, contactId } = client(c);
    if (allowed) await c.act(preparer(c, allowed), "recordConsentAction", { clientId, contactId, scope: "attendance_only", validFrom: today() }, c.target);
    const consent = await one<{ id: string }>(c, "select id from consents where contact_id = $1 and revoked_at is null order by recorded_at desc limit 1", [contactId]);
    return { fields: { clientId, consentId: consent.id, reason: "Matrix revocation." } };
  },
  createLinkAction: (c) => ({ fields: { clientId: client(c).clientId, holder: "client" } }),
  saveMessagingSettingsAction: (c) => ({ fields: { clientId: client(c).clientId, email: "matrix@client.test", timeZone: "America/New_York", preferredHour: "9", consent: "granted" } }),
  sendLinkNowAction: async (c, allowed) => {
    const { clientId } = client(c);
    // An address and consent on file first, so an allowed send has someone to write to.
    if (allowed) await c.act(preparer(c, allowed), "saveMessagingSettingsAction", { clientId, email: "matrix@client.test", timeZone: "America/New_York", preferredHour: "9", consent: "granted" }, c.target);
    return { fields: { clientId } };
  },
  revokeLinkAction: async (c, allowed) => {
    const { clientId } = client(c);
    let linkId = client(c).linkId;
    if (allowed) {
      // A link of its own: the world's own link is the portal actions' credential.
      await c.act(preparer(c, allowed), "createLinkAction", { clientId, holder: "client" }, c.target);
      linkId = (await one<{ id: string }>(c, "select id from portal_links where client_id = $1 and revoked_at is null order by created_at desc limit 1", [clientId])).id;
    }
    return { fields: { clientId, linkId } };
  },
  createAssignmentAction: (c) => ({ fields: { clientId: client(c).clientId, assignee: "client", exerciseId: "emotion-naming", cadence: "weekly", startDate: today(), confirmDuplicate: "yes" } }),
  changeAssignmentAction: async (c) => {
    const { clientId, assignmentId } = client(c);
    const row = await one<{ status: string; version: number }>(c, "select status, version from assignments where id = $1", [assignmentId]);
    // Pause it, or resume it if an earlier cell paused it.
    return { fields: { clientId, assignmentId, version: String(row.version), change: row.status === "paused" ? "resume" : "pause" } };
  },
  commentAction: (c) => ({ fields: { clientId: client(c).clientId, entryId: client(c).entryId, text: "Matrix comment." } }),
  administerAction: (c) => ({ fields: { clientId: client(c).clientId, instrument: NUMBNESS_URL, respondent: "client", idempotencyKey: unique("administer"), answers: JSON.stringify(CALM) } }),
  createScheduleAction: async (c, allowed) => {
    const { clientId } = client(c);
    // One active schedule per check-in and person: the one there is (the demo's, or an earlier cell's) ends first.
    if (allowed) await endActiveSchedule(c, preparer(c, allowed), EMPATHY_URL);
    return { fields: { clientId, instrumentUrl: EMPATHY_URL, respondent: "client", cadence: "weekly", startDate: today() } };
  },
  endScheduleAction: async (c, allowed) => {
    const { clientId } = client(c);
    let scheduleId = client(c).scheduleId;
    if (allowed) {
      // A schedule of its own: the world's is the portal check-in's.
      scheduleId = await freshSchedule(c, preparer(c, allowed), EMPATHY_URL);
    }
    return { fields: { clientId, scheduleId, version: await versionOf(c, "checkin_schedules", scheduleId) } };
  },
  acknowledgeAlertAction: async (c, allowed) => {
    const { clientId } = client(c);
    let alertId = client(c).alertId;
    if (allowed) {
      // An alert of its own: a check-in with the critical answer.
      await c.act(preparer(c, allowed), "administerAction", { clientId, instrument: NUMBNESS_URL, respondent: "client", idempotencyKey: unique("critical"), answers: JSON.stringify(CRITICAL) }, c.target);
      alertId = (await one<{ id: string }>(c, "select id from critical_alerts where client_id = $1 and acknowledged_at is null order by raised_at desc limit 1", [clientId])).id;
    }
    return { fields: { clientId, alertId, note: "Called the client; safe." } };
  },
  shareSummaryAction: (c) => ({ fields: { clientId: client(c).clientId, from: daysAgo(30), to: today() } }),
  withdrawSummaryAction: async (c) => {
    const { clientId } = client(c);
    // Something to withdraw: the holder shares one when an earlier cell withdrew it.
    const [shared] = await c.read("select id from client_summary_shares where client_id = $1 and withdrawn_at is null", [clientId]);
    if (!shared) await c.act(owner(c), "shareSummaryAction", { clientId, from: daysAgo(30), to: today() }, c.target);
    return { fields: { clientId } };
  },
  createNoteAction: (c) => ({ fields: { clientId: client(c).clientId, type: "individual", sessionDate: today(), attendance: "attended" } }),
  saveNoteAction: async (c) => ({ fields: await noteContent(c, client(c).draftNoteId) }),
  signNoteAction: async (c, allowed) => {
    const { clientId } = client(c);
    let noteId = client(c).draftNoteId;
    if (allowed && c.role !== "anonymous") {
      // A draft of its own: the world's draft stays a draft for the other note actions.
      await c.act(c.role, "createNoteAction", { clientId, type: "individual", sessionDate: today(), attendance: "attended" }, c.target);
      noteId = (await one<{ id: string }>(c, "select id from session_notes where client_id = $1 and author_id = $2 and status = 'draft' order by created_at desc limit 1", [clientId, c.world.actors[c.role].userId])).id;
    }
    return { fields: await noteContent(c, noteId) };
  },
  latestNoteAction: (c) => ({ fields: { clientId: client(c).clientId, noteId: client(c).draftNoteId } }),
  addAddendumAction: (c) => ({ fields: { clientId: client(c).clientId, noteId: client(c).signedNoteId, text: "Matrix addendum." } }),
  cosignNoteAction: (c) => ({ fields: { clientId: client(c).clientId, noteId: client(c).signedNoteId } }),

  // The client portal: always the own client's link, aimed at each client's records.
  submitPortalEntryAction: (c) => ({
    fields: { token: c.world.targets.own.portalToken, assignmentId: client(c).assignmentId, idempotencyKey: unique("entry"), answers: JSON.stringify({ notes: "Matrix portal entry." }) },
  }),
  submitPortalCheckinAction: async (c, allowed) => {
    // A check-in is done once per period: each allowed cell gets a new schedule of the own client's, due today.
    const scheduleId = allowed ? await freshSchedule(c, owner(c), NUMBNESS_URL) : client(c).scheduleId;
    return { fields: { token: c.world.targets.own.portalToken, scheduleId, idempotencyKey: unique("checkin"), answers: JSON.stringify(CALM) } };
  },
};

/** Actions whose allowed cells end the person's session (signing out, a new password, a link redeemed while signed in): sign in again after them. */
export const endsSessions = ["signOutAction", "changePasswordAction", "acceptInvitationAction", "resetPasswordAction"];

/** Actions whose cells must come after others': scoring, then publishing, then retiring one questionnaire. */
export const runLast = ["publishInstrumentAction", "retireInstrumentAction"];
