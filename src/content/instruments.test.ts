import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import fixture from "@/instruments/fixtures/test-import.json";
import { InstrumentError } from "@/instruments/fhir-schema";

import { getBundledInstrument, loadBundledInstruments, loadInstrumentsFromDirectory } from "./instruments";

describe("loadBundledInstruments", () => {
  it("loads the four bundled check-ins from content/instruments", async () => {
    const instruments = await loadBundledInstruments();
    expect(instruments.map((i) => i.id)).toEqual([
      "attune-detachment-profile",
      "attune-empathy-connection",
      "attune-family-wellbeing",
      "attune-numbness",
    ]);
    expect(instruments.map((i) => i.source)).toEqual([
      "content/instruments/attune-detachment-profile.json",
      "content/instruments/attune-empathy-connection.json",
      "content/instruments/attune-family-wellbeing.json",
      "content/instruments/attune-numbness.json",
    ]);
  });

  it("reads the files once", async () => {
    expect(await loadBundledInstruments()).toBe(await loadBundledInstruments());
  });

  it("labels every bundled check-in as not validated and asks for organisation RCI parameters", async () => {
    for (const instrument of await loadBundledInstruments()) {
      expect(instrument.copyright).toContain("NOT a validated instrument");
      expect(instrument.description).toContain("NOT a validated instrument");
      expect(instrument.name).toBeTruthy();
      expect(instrument.code.length).toBeGreaterThan(0);
      expect(instrument.status).toBe("active");
      expect(instrument.scoring.rci.source).toBe("organisation");
      expect(instrument.scoring.rci.citation).toBe("provisional default until enough organisation data exist");
    }
  });

  it("gives each check-in the shape the issue asks for", async () => {
    const byId = new Map((await loadBundledInstruments()).map((i) => [i.id, i]));
    const scored = (id: string) => byId.get(id)?.items.filter((i) => i.scored) ?? [];
    const reverse = (id: string) =>
      scored(id)
        .filter((i) => (i.options[0]?.weight ?? 0) > (i.options[i.options.length - 1]?.weight ?? 0))
        .map((i) => i.linkId);

    expect(scored("attune-numbness")).toHaveLength(8);
    expect(reverse("attune-numbness")).toEqual(["joy", "naming"]);
    expect(byId.get("attune-numbness")?.scoring).toMatchObject({
      direction: "higher_is_worse",
      missing: { rule: "prorate", minimumAnswered: 6 },
      critical: [{ linkId: "worth", answerCodes: ["often", "nearly-all-the-time"] }],
    });

    expect(scored("attune-empathy-connection")).toHaveLength(8);
    expect(byId.get("attune-empathy-connection")?.scoring.direction).toBe("higher_is_better");
    expect(byId.get("attune-empathy-connection")?.scoring.subscales.map((s) => s.id)).toEqual(["empathy", "connection"]);

    expect(scored("attune-detachment-profile").map((i) => i.linkId)).toEqual([
      "awareness",
      "emotional-state",
      "purpose",
      "relationships",
      "long-term",
    ]);
    expect(byId.get("attune-detachment-profile")?.scoring).toMatchObject({
      direction: "higher_is_better",
      missing: { rule: "invalid" },
    });

    expect(scored("attune-family-wellbeing")).toHaveLength(6);
    expect(reverse("attune-family-wellbeing")).toEqual(["resentment-guilt"]);
    expect(byId.get("attune-family-wellbeing")?.scoring.direction).toBe("higher_is_better");

    for (const id of byId.keys()) {
      for (const item of scored(id)) expect(item.options.map((o) => o.weight).sort()).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it("finds a bundled instrument by canonical url|version or by url", async () => {
    const url = "https://attune.health/fhir/Questionnaire/attune-numbness";
    expect((await getBundledInstrument(`${url}|1.0.0`))?.id).toBe("attune-numbness");
    expect((await getBundledInstrument(url))?.id).toBe("attune-numbness");
    expect(await getBundledInstrument(`${url}|9.9.9`)).toBeUndefined();
  });
});

describe("loadInstrumentsFromDirectory", () => {
  let directory = "";

  afterEach(async () => {
    if (directory) await rm(directory, { recursive: true, force: true });
    directory = "";
  });

  async function withFiles(files: Record<string, string>): Promise<string> {
    directory = await mkdtemp(path.join(os.tmpdir(), "attune-instruments-"));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
    return directory;
  }

  it("ignores files that are not JSON", async () => {
    const dir = await withFiles({ "a.json": JSON.stringify(fixture), "README.md": "# notes" });
    expect((await loadInstrumentsFromDirectory(dir)).map((i) => i.id)).toEqual(["test-import"]);
  });

  it("names the file and the reason for a malformed questionnaire", async () => {
    const broken = structuredClone(fixture);
    delete (broken.item[2]?.item?.[1]?.answerOption[1] as { extension?: unknown }).extension;
    const dir = await withFiles({ "broken.json": JSON.stringify(broken) });
    const error: unknown = await loadInstrumentsFromDirectory(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InstrumentError);
    expect((error as InstrumentError).message).toBe(`${path.join(dir, "broken.json")}: item[2].item[1].answerOption[1]: no weight`);
  });

  it("names the file for invalid JSON", async () => {
    const dir = await withFiles({ "bad.json": "{ not json" });
    await expect(loadInstrumentsFromDirectory(dir)).rejects.toThrow(new RegExp(`^${path.join(dir, "bad.json")}: invalid JSON`));
  });

  it("rejects two files with the same url and version", async () => {
    const dir = await withFiles({ "one.json": JSON.stringify(fixture), "two.json": JSON.stringify(fixture) });
    await expect(loadInstrumentsFromDirectory(dir)).rejects.toThrow(
      `${path.join(dir, "two.json")}: http://example.org/fhir/Questionnaire/test-import|2.1.0 is already defined by ${path.join(dir, "one.json")}`,
    );
  });

  it("accepts the same url with another version", async () => {
    const dir = await withFiles({
      "one.json": JSON.stringify(fixture),
      "two.json": JSON.stringify({ ...fixture, version: "3.0.0" }),
    });
    expect((await loadInstrumentsFromDirectory(dir)).map((i) => i.canonical)).toEqual([
      "http://example.org/fhir/Questionnaire/test-import|2.1.0",
      "http://example.org/fhir/Questionnaire/test-import|3.0.0",
    ]);
  });
});
