import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { auditEvents, clientCareTeam, clients, consents, supportContacts, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { executeAction, type ActionSpec, type Handler } from "@/lib/action-core";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { testMeta } from "@/lib/testing/fixtures";
import {
  addContact,
  addContactSpec,
  archiveContact,
  archiveContactSpec,
  recordConsent,
  recordConsentSpec,
  revokeConsent,
  revokeConsentSpec,
  updateContact,
  updateContactSpec,
} from "@/support-network/mutations";
import { listSupportNetwork } from "@/support-network/queries";
import { createClient, createClientSpec, dischargeClient, dischargeClientSpec, readmitClient, readmitClientSpec, updateClient, updateClientSpec } from "./mutations";
import { getClientForActor } from "./queries";
import { listRoster } from "./roster";

let t: TestDatabase;
const actors: Record<string, Actor> = {};
const target: Record<"own" | "shared" | "foreign", string> = { own: "", shared: "", foreign: "" };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "not-used-here" });
  for (const row of await t.db.select().from(users)) {
    actors[row.email.split("@")[0]!] = { userId: row.id, organisationId: row.organisationId, role: row.role, name: row.name, email: row.email };
  }
  const counselor = actors.counselor!;
  const [shared] = await t.db
    .select({ id: clients.id })
    .from(clients)
    .innerJoin(clientCareTeam, eq(clientCareTeam.clientId, clients.id))
    .where(and(eq(clients.primaryCounselorId, counselor.userId), eq(clients.status, "active")))
    .limit(1);
  const [own] = await t.db
    .select({ id: clients.id })
    .from(clients)
    .where(and(eq(clients.primaryCounselorId, counselor.userId), eq(clients.status, "active"), eq(clients.recordNumber, "RRC-1001")));
  const [foreign] = await t.db.select({ id: clients.id }).from(clients).where(eq(clients.recordNumber, "HC-0001"));
  target.own = own!.id;
  target.shared = shared!.id;
  target.foreign = foreign!.id;
  // RRC-1001 must not be shared, or the "own" column would test nothing new.
  const care = await t.db.select().from(clientCareTeam).where(eq(clientCareTeam.clientId, target.own));
  expect(care).toHaveLength(0);
});
afterAll(async () => t?.close());

// Who may see which client: everything else must answer exactly like a missing record.
const expected: Record<string, Record<keyof typeof target, boolean>> = {
  counselor: { own: true, shared: true, foreign: false },
  counselor2: { own: false, shared: true, foreign: false },
  counselor3: { own: false, shared: false, foreign: false },
  supervisor: { own: true, shared: true, foreign: false },
  admin: { own: false, shared: false, foreign: false },
  "other-org": { own: false, shared: false, foreign: true },
};

async function snapshot(clientId: string) {
  const [client] = await t.db.select({ version: clients.version, status: clients.status }).from(clients).where(eq(clients.id, clientId));
  const [contacts] = await t.db.select({ n: count() }).from(supportContacts).where(eq(supportContacts.clientId, clientId));
  const [consentRows] = await t.db.select({ n: count() }).from(consents).where(eq(consents.clientId, clientId));
  const [audits] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.clientId, clientId));
  return { client, contacts: contacts?.n, consents: consentRows?.n, audits: audits?.n };
}

/** Every client action of this issue, with an input valid for the client as it is now. */
async function operations(clientId: string) {
  const [c] = await t.db.select().from(clients).where(eq(clients.id, clientId));
  const [contact] = await t.db
    .select()
    .from(supportContacts)
    .where(and(eq(supportContacts.clientId, clientId), isNull(supportContacts.archivedAt)))
    .limit(1);
  const careTeam = (await t.db.select({ id: clientCareTeam.userId }).from(clientCareTeam).where(eq(clientCareTeam.clientId, clientId))).map((m) => m.id);
  const contactId = contact?.id ?? "00000000-0000-4000-8000-000000000001";
  const [consent] = await t.db
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.clientId, clientId), isNull(consents.revokedAt)))
    .limit(1);
  const base = {
    clientId,
    version: String(c!.version),
    name: c!.name,
    recordNumber: c!.recordNumber,
    recoveryFocus: c!.recoveryFocus,
    status: c!.status === "discharged" ? "active" : c!.status,
    primaryCounselorId: c!.primaryCounselorId,
    startDate: c!.startDate,
    timeZone: c!.timeZone,
    tags: "permission-check",
    careTeam,
  };
  type Op = [string, ActionSpec<never, unknown, unknown>, Handler<never, unknown, unknown>, Record<string, unknown>];
  const ops: Op[] = [
    ["update client", updateClientSpec as never, updateClient as never, base],
    ["discharge", dischargeClientSpec as never, dischargeClient as never, { clientId, version: base.version, dischargedOn: c!.startDate, reason: "Permission test" }],
    ["readmit", readmitClientSpec as never, readmitClient as never, { clientId, version: base.version, status: "active", startDate: c!.startDate }],
    ["add contact", addContactSpec as never, addContact as never, { clientId, name: "Probe Person", relationship: "friend", scope: "nothing", validFrom: "2026-01-01" }],
    ["update contact", updateContactSpec as never, updateContact as never, { clientId, contactId, version: String(contact?.version ?? 1), name: "Probe Renamed", relationship: "friend" }],
    ["record consent", recordConsentSpec as never, recordConsent as never, { clientId, contactId, scope: "attendance_only", validFrom: "2026-02-01" }],
    ["revoke consent", revokeConsentSpec as never, revokeConsent as never, { clientId, consentId: consent?.id ?? contactId, reason: "Permission test" }],
    ["archive contact", archiveContactSpec as never, archiveContact as never, { clientId, contactId, version: String(contact?.version ?? 1) }],
  ];
  return ops;
}

describe(`client permissions (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  for (const [user, row] of Object.entries(expected)) {
    for (const [which, allowed] of Object.entries(row) as [keyof typeof target, boolean][]) {
      it(`${user} ${allowed ? "may" : "may not"} open or change the ${which} client`, async () => {
        const actor = actors[user]!;
        const clientId = target[which];
        const header = await getClientForActor(t.db, actor, clientId);
        expect(header !== null).toBe(allowed);
        const roster = await listRoster(t.db, actor, { sort: { id: "name", desc: false }, filters: {}, pageSize: 200, cursor: {} });
        expect(roster.rows.some((r) => r.id === clientId)).toBe(allowed);
        if (allowed) expect((await listSupportNetwork(t.db, actor, clientId, "UTC")).length).toBeGreaterThanOrEqual(0);

        for (const [label] of await operations(clientId)) {
          // Rebuilt before each call: earlier calls change versions, contacts and consents.
          const [, spec, handler, input] = (await operations(clientId)).find(([l]) => l === label)!;
          const before = await snapshot(clientId);
          const outcome = await executeAction(t.db, actor, spec, handler, input, testMeta);
          if (allowed) {
            expect(outcome.kind, `${user} ${label}: ${JSON.stringify(outcome)}`).toBe("ok");
          } else {
            expect(outcome, `${user} ${label}`).toEqual({ kind: "not_found" });
            expect(await snapshot(clientId), `${user} ${label} wrote nothing`).toEqual(before);
          }
        }
      });
    }
  }

  it("lets only clinicians create clients, and only for themselves or their supervisees", async () => {
    const input = (primary: Actor, recordNumber: string) => ({
      name: "New Person",
      recordNumber,
      recoveryFocus: "trauma",
      status: "intake",
      primaryCounselorId: primary.userId,
      startDate: "2026-03-01",
      timeZone: "America/Chicago",
    });
    expect(await executeAction(t.db, actors.admin!, createClientSpec, createClient, input(actors.counselor!, "P-1"), testMeta)).toEqual({ kind: "not_found" });
    const foreign = await executeAction(t.db, actors["other-org"]!, createClientSpec, createClient, input(actors.counselor!, "P-2"), testMeta);
    expect(foreign).toMatchObject({ kind: "refused", fieldErrors: { primaryCounselorId: expect.any(Array) } });
    const peer = await executeAction(t.db, actors.counselor2!, createClientSpec, createClient, input(actors.counselor!, "P-3"), testMeta);
    expect(peer).toMatchObject({ kind: "refused" });
    const bySupervisor = await executeAction(t.db, actors.supervisor!, createClientSpec, createClient, input(actors.counselor!, "P-4"), testMeta);
    expect(bySupervisor.kind).toBe("ok");
    const [created] = await t.db.select({ n: count() }).from(clients).where(eq(clients.recordNumber, "P-4"));
    expect(created?.n).toBe(1);
  });
});
