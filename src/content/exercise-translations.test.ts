import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { exerciseTranslations, localizeExercise } from "./exercise-translations";
import { loadBundledExercises } from "./exercises";

describe("exercise translations (content/exercises/<lang>/<id>.md)", () => {
  it("gives the Spanish journal its words and keeps the original's fields", async () => {
    const originals = await loadBundledExercises();
    const es = await exerciseTranslations("es", originals);
    const journal = originals.find((e) => e.id === "daily-feelings-journal")!;
    const shown = localizeExercise(journal, es.get(journal.id));
    expect(shown.title).toBe("Diario de sentimientos");
    expect(shown.fields.map((f) => [f.id, f.type, f.required])).toEqual(journal.fields.map((f) => [f.id, f.type, f.required]));
    expect(shown.fields[0]!.label).toBe("¿Qué destacó hoy?");
    expect(localizeExercise(journal, undefined)).toBe(journal);
    expect((await exerciseTranslations("en", originals)).size).toBe(0);
  });

  it("refuses a translation whose fields differ from the original", async () => {
    const originals = await loadBundledExercises();
    const root = await mkdtemp(path.join(os.tmpdir(), "attune-ex-tr-"));
    try {
      await mkdir(path.join(root, "es"));
      const text = await readFile(path.join(process.cwd(), "content/exercises/es/daily-feelings-journal.md"), "utf8");
      await writeFile(path.join(root, "es", "daily-feelings-journal.md"), text.replace("id: strength", "id: fuerza"));
      await expect(exerciseTranslations("es", originals, root)).rejects.toThrow(/not the same exercise/);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
