import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientCareTeam, clients, consents, organisations, supportContacts, users } from "@/db/schema";
import { messageKind, messageRecipients, messages, reminderConsents } from "@/db/schema/messages";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { seedDemo, SeedRefused } from "./demo";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

describe(`the demo seed (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("seeds the demo organisation with its users and about forty clients", async () => {
    const outcome = await seedDemo(t.db, { password: "a-test-password" });
    expect(outcome.kind).toBe("seeded");
    const orgId = outcome.organisationId;
    const emails = (await t.db.select({ email: users.email }).from(users).where(eq(users.organisationId, orgId))).map((u) => u.email).sort();
    expect(emails).toEqual(["admin@attune.demo", "counselor2@attune.demo", "counselor3@attune.demo", "counselor@attune.demo", "supervisor@attune.demo"]);

    const [counselor] = await t.db.select({ id: users.id, supervisorId: users.supervisorId }).from(users).where(eq(users.email, "counselor@attune.demo"));
    const [supervisor] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "supervisor@attune.demo"));
    expect(counselor?.supervisorId).toBe(supervisor?.id);

    const [all] = await t.db.select({ n: count() }).from(clients).where(eq(clients.organisationId, orgId));
    expect(all?.n).toBeGreaterThanOrEqual(35);
    const [active] = await t.db
      .select({ n: count() })
      .from(clients)
      .where(and(eq(clients.primaryCounselorId, counselor!.id), eq(clients.status, "active")));
    expect(active?.n).toBeGreaterThanOrEqual(15);
    const [shared] = await t.db.select({ n: count() }).from(clientCareTeam).where(eq(clientCareTeam.organisationId, orgId));
    expect(shared?.n).toBeGreaterThan(0);
    const [contacts] = await t.db.select({ n: count() }).from(supportContacts).where(eq(supportContacts.organisationId, orgId));
    const [consentRows] = await t.db.select({ n: count() }).from(consents).where(eq(consents.organisationId, orgId));
    expect(contacts?.n).toBeGreaterThan(10);
    expect(consentRows?.n).toBe(contacts?.n);

    // Email: the outbox holds one message of every kind; clients and a support person have an address and consent.
    const kinds = (await t.db.select({ kind: messages.kind }).from(messages).where(eq(messages.organisationId, orgId))).map((m) => m.kind).sort();
    expect(kinds).toEqual([...messageKind.enumValues].sort());
    const withConsent = await t.db
      .select({ contactId: messageRecipients.contactId })
      .from(messageRecipients)
      .innerJoin(reminderConsents, eq(reminderConsents.recipientId, messageRecipients.id))
      .where(and(eq(messageRecipients.organisationId, orgId), eq(reminderConsents.granted, true)));
    expect(withConsent.filter((r) => r.contactId === null).length).toBeGreaterThanOrEqual(3);
    expect(withConsent.filter((r) => r.contactId !== null)).toHaveLength(1);
  });

  it("is idempotent", async () => {
    const before = await t.db.select({ n: count() }).from(clients);
    const outcome = await seedDemo(t.db);
    expect(outcome.kind).toBe("already-seeded");
    expect(await t.db.select({ n: count() }).from(clients)).toEqual(before);
  });

  it("refuses a database that holds a real organisation", async () => {
    await t.db.insert(organisations).values({ name: "A real clinic" });
    await expect(seedDemo(t.db)).rejects.toBeInstanceOf(SeedRefused);
  });
});
