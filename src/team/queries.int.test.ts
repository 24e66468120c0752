import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { clients } from "@/db/schema";
import { createOrganisation, createUser } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { listTeam } from "./queries";

let t: TestDatabase;
let supervisor: Actor;
let otherSupervisor: Actor;
let ana: Actor;
let ben: Actor;
let n = 0;

async function addClients(orgId: string, counselorId: string, statuses: ("intake" | "active" | "on_hold" | "discharged")[]) {
  for (const status of statuses) {
    n += 1;
    await t.db.insert(clients).values({
      organisationId: orgId,
      name: `Client ${n}`,
      recordNumber: `TEAM-${n}`,
      recoveryFocus: "substance_use",
      status,
      primaryCounselorId: counselorId,
      startDate: "2026-01-05",
      dischargedOn: status === "discharged" ? "2026-02-01" : null,
    });
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  const orgId = await createOrganisation(t.db, "Team org");
  supervisor = await createUser(t.db, orgId, { role: "supervisor", name: "Sam Supervisor" });
  otherSupervisor = await createUser(t.db, orgId, { role: "supervisor", name: "Olu Other" });
  ana = await createUser(t.db, orgId, { role: "counselor", name: "ana Ansel", supervisorId: supervisor.userId });
  ben = await createUser(t.db, orgId, { role: "counselor", name: "Ben Baird", supervisorId: supervisor.userId });
  const gone = await createUser(t.db, orgId, { role: "counselor", name: "Gone", supervisorId: supervisor.userId, status: "deactivated" });
  const elsewhere = await createUser(t.db, orgId, { role: "counselor", name: "Elsewhere", supervisorId: otherSupervisor.userId });
  await addClients(orgId, ana.userId, ["intake", "active", "active", "on_hold", "discharged", "discharged"]);
  await addClients(orgId, elsewhere.userId, ["active", "active"]);
  await addClients(orgId, gone.userId, ["active"]);
  await addClients(orgId, supervisor.userId, ["active"]);
  const otherOrg = await createOrganisation(t.db, "Other team org");
  const stranger = await createUser(t.db, otherOrg, { role: "counselor", supervisorId: supervisor.userId });
  await addClients(otherOrg, stranger.userId, ["active"]);
});
afterAll(async () => t?.close());

describe(`the supervisor's team (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("lists the people they supervise with open caseload sizes, discharged clients not counted", async () => {
    const team = await listTeam(t.db, supervisor);
    expect(team.map((m) => m.name)).toEqual(["ana Ansel", "Ben Baird"]);
    expect(team[0]).toMatchObject({ id: ana.userId, intake: 1, active: 2, onHold: 1, caseload: 4, status: "active" });
    expect(team[1]).toMatchObject({ id: ben.userId, caseload: 0 });
  });

  it("shows another supervisor only their own team, and nobody else a team", async () => {
    expect((await listTeam(t.db, otherSupervisor)).map((m) => [m.name, m.caseload])).toEqual([["Elsewhere", 2]]);
    expect(await listTeam(t.db, ana)).toEqual([]);
    expect(await listTeam(t.db, { ...supervisor, role: "admin" })).toEqual([]);
  });
});
