import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/auth/actor";
import { sessionNotes } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { idleState, type FormState } from "@/lib/form-state";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { NOTE_CONFLICT_MESSAGE } from "./schemas";
import { content, demoActors, demoTargets, newDraft } from "./testing";

// The real server actions, as a browser calls them, with the session and request headers stubbed:
// what matters here is the form state a person gets back when two saves race.
const session = vi.hoisted(() => ({ actor: null as Actor | null }));
vi.mock("@/auth/session", () => ({ getSessionState: async () => (session.actor ? { actor: session.actor } : { actor: null, reason: "none" }) }));
vi.mock("@/auth/request-meta", () => ({ currentRequestMeta: async () => ({ ip: "203.0.113.9", userAgent: "vitest" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
// The action helper signs a person out after a link action; next-auth itself has no place here.
vi.mock("@/auth/actions", () => ({ signOutAction: async () => undefined }));

const { saveNoteAction, latestNoteAction } = await import("./actions");

let t: TestDatabase;
let clientId = "";
let noteId = "";

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { password: "not-used-here" });
  const a = await demoActors(t.db);
  session.actor = a.counselor!;
  clientId = (await demoTargets(t.db, a.counselor!, a.counselor3!)).own;
  noteId = await newDraft(t.db, a.counselor!, clientId, "individual");
});
afterAll(async () => t?.close());

function formData(fields: Record<string, string | string[]>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) fd.append(k, item);
  return fd;
}

async function currentVersion() {
  const [row] = await t.db.select({ version: sessionNotes.version, data: sessionNotes.data }).from(sessionNotes).where(eq(sessionNotes.id, noteId));
  return row!;
}

describe(`concurrent edits of a draft (${process.env.ATTUNE_TEST_DRIVER})`, () => {
  it("has exactly one winner per race, and gives every loser their own text back", async () => {
    for (let round = 0; round < 5; round++) {
      const { version } = await currentVersion();
      const writers = ["tab A", "tab B", "tab C"].map((who) => `${who} wrote this in round ${round}.`);
      const states: FormState[] = await Promise.all(
        writers.map((text) => saveNoteAction(idleState, formData(content(clientId, noteId, version, { data: text, plan: `plan of ${text}` })))),
      );
      const winners = states.filter((s) => s.status === "success");
      const losers = states.filter((s) => s.status === "error");
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(writers.length - 1);
      for (const loser of losers) {
        expect(loser.message).toBe(NOTE_CONFLICT_MESSAGE);
        expect(loser.message).toMatch(/^Someone else saved this note/);
        const text = loser.values?.data;
        expect(writers).toContain(text);
        expect(loser.values?.plan).toBe(`plan of ${text}`);
      }
      const winnerText = winners[0]!.values?.data;
      expect(losers.map((l) => l.values?.data)).not.toContain(winnerText);
      expect(await currentVersion()).toEqual({ version: version + 1, data: winnerText });
      expect(winners[0]!.data).toMatchObject({ version: version + 1 });
    }
  });

  it("lets the loser see the latest version, then save theirs over it knowingly", async () => {
    const { version } = await currentVersion();
    await saveNoteAction(idleState, formData(content(clientId, noteId, version, { data: "the other tab's text" })));
    const stale = await saveNoteAction(idleState, formData(content(clientId, noteId, version, { data: "my text" })));
    expect(stale).toMatchObject({ status: "error", message: NOTE_CONFLICT_MESSAGE, values: { data: "my text" } });
    const latest = await latestNoteAction(idleState, formData({ clientId, noteId }));
    expect(latest.data).toMatchObject({ version: version + 1, data: "the other tab's text" });
    const kept = await saveNoteAction(idleState, formData(content(clientId, noteId, version + 1, { data: "my text" })));
    expect(kept.status).toBe("success");
    expect(await currentVersion()).toEqual({ version: version + 2, data: "my text" });
  });
});
