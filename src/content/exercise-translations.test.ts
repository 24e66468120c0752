import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { shippedLanguages } from "@/i18n/catalog";
import type { ExerciseDefinition, ExerciseField } from "@/exercises/schemas";
import { exerciseTranslations, localizeExercise } from "./exercise-translations";
import { loadBundledExercises } from "./exercises";

// The words a field shows, each named so that a missing one says where it is missing.
function fieldWords(field: ExerciseField): [string, string | undefined][] {
  const words: [string, string | undefined][] = [["label", field.label], ["help", field.help]];
  if (field.type === "scale_0_10") words.push(["minLabel", field.minLabel], ["maxLabel", field.maxLabel]);
  if (field.type === "checklist") for (const o of field.options) words.push([`option ${o.value}`, o.label]);
  return words;
}

function guidanceShape(e: ExerciseDefinition): string {
  return e.guidance.map((b) => (b.type === "p" ? "p" : `ul${b.items.length}`)).join(",");
}

describe("exercise translations (content/exercises/<lang>/<id>.md)", () => {
  it("every bundled exercise exists in every shipped language, with every word translated and the same shape", async () => {
    const originals = await loadBundledExercises();
    const languages = shippedLanguages().filter((l) => l.code !== "en");
    expect(languages.map((l) => l.code)).toEqual(expect.arrayContaining(["es", "ar"]));
    for (const { code } of languages) {
      const translations = await exerciseTranslations(code, originals);
      for (const original of originals) {
        const where = `${code}/${original.id}.md`;
        const translated = translations.get(original.id);
        expect(translated, `${where} is missing`).toBeDefined();
        // The loader already refused a translation with other fields, roles or option values.
        expect(translated!.title, `${where}: title`).not.toBe(original.title);
        expect(translated!.purpose, `${where}: purpose`).not.toBe(original.purpose);
        expect(guidanceShape(translated!), `${where}: guidance paragraphs and list items`).toBe(guidanceShape(original));
        for (const [i, field] of original.fields.entries()) {
          const theirs = new Map(fieldWords(translated!.fields[i]!));
          for (const [name, english] of fieldWords(field)) {
            if (english === undefined) {
              expect(theirs.get(name), `${where}: field ${field.id} has a ${name} the original lacks`).toBeUndefined();
              continue;
            }
            expect(theirs.get(name), `${where}: field ${field.id} ${name}`).toBeTruthy();
            expect(theirs.get(name), `${where}: field ${field.id} ${name} is still English`).not.toBe(english);
          }
        }
      }
    }
  });

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
