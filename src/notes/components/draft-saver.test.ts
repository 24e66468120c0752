import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/lib/form-state";
import { NOTE_CONFLICT_MESSAGE } from "../schemas";
import { DraftSaver, type SaveStatus } from "./draft-saver";

function values(data: string): FormData {
  const fd = new FormData();
  fd.set("data", data);
  return fd;
}

function setup(reply: (body: FormData) => FormState | Promise<FormState>) {
  const sent: { data: string; version: string }[] = [];
  const reports: SaveStatus[] = [];
  const saver = new DraftSaver({
    version: 4,
    delay: 1500,
    send: async (body) => {
      sent.push({ data: String(body.get("data")), version: String(body.get("version")) });
      return reply(body);
    },
    report: (s) => reports.push(s),
  });
  return { saver, sent, reports };
}

const ok = (version: number): FormState => ({ status: "success", data: { version, savedAt: "2026-11-22T10:42:00.000Z" } });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("saving a draft as it is typed", () => {
  it("waits for 1.5 s of quiet, then sends the latest text once with the version it read", async () => {
    let version = 4;
    const { saver, sent, reports } = setup(() => ok(++version));
    saver.changed(values("H"));
    await vi.advanceTimersByTimeAsync(1000);
    saver.changed(values("Hello"));
    await vi.advanceTimersByTimeAsync(1400);
    expect(sent).toEqual([]);
    expect(saver.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(200);
    expect(sent).toEqual([{ data: "Hello", version: "4" }]);
    expect(reports.at(-1)).toEqual({ kind: "saved", at: "2026-11-22T10:42:00.000Z" });
    expect(saver.dirty).toBe(false);
    saver.changed(values("Hello again"));
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent.at(-1)).toEqual({ data: "Hello again", version: "5" });
  });

  it("saves again when typing went on during a save", async () => {
    let release: (s: FormState) => void = () => {};
    const { saver, sent } = setup(() => new Promise<FormState>((r) => (release = r)));
    saver.changed(values("one"));
    await vi.advanceTimersByTimeAsync(1500);
    saver.changed(values("one two"));
    release(ok(5));
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.dirty).toBe(true);
    await vi.advanceTimersByTimeAsync(1500);
    expect(sent.map((s) => s.data)).toEqual(["one", "one two"]);
    release(ok(6));
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.dirty).toBe(false);
  });

  it("stops after a conflict, keeps the text, and goes on from the version the person adopts", async () => {
    const { saver, sent, reports } = setup((body) => (body.get("version") === "4" ? { status: "error", message: NOTE_CONFLICT_MESSAGE } : ok(9)));
    saver.changed(values("mine"));
    await vi.advanceTimersByTimeAsync(1500);
    expect(reports.at(-1)).toMatchObject({ kind: "error", conflict: true });
    expect(saver.conflicted).toBe(true);
    saver.changed(values("mine, more"));
    await vi.advanceTimersByTimeAsync(5000);
    expect(sent).toHaveLength(1);
    expect(saver.dirty).toBe(true);
    saver.adopt(8);
    expect(await saver.flush(true)).toBe(true);
    expect(sent.at(-1)).toEqual({ data: "mine, more", version: "8" });
    expect(saver.dirty).toBe(false);
  });

  it("reports a validation error and a lost connection without losing the text", async () => {
    let fail = true;
    const { saver, reports } = setup(() => {
      if (fail) throw new Error("offline");
      return { status: "error", message: "Some fields need attention.", fieldErrors: { sessionDate: ["Enter the session date."] } };
    });
    saver.changed(values("kept"));
    await vi.advanceTimersByTimeAsync(1500);
    expect(reports.at(-1)).toMatchObject({ kind: "error", conflict: false, message: expect.stringContaining("connection") });
    expect(saver.dirty).toBe(true);
    fail = false;
    expect(await saver.flush()).toBe(false);
    expect(reports.at(-1)).toMatchObject({ kind: "error", fieldErrors: { sessionDate: ["Enter the session date."] } });
  });
});
