import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ExerciseDefinition, ExerciseField } from "@/exercises/schemas";
import { buildExerciseLibrary, EXERCISES_DIR } from "./exercises";

/**
 * Exercises in other languages: a parallel file per language, content/exercises/<lang>/<id>.md,
 * written like the original (front matter and guidance) with the same id and the same fields
 * (ids, types, option values, required). Only the words are taken from it: title, purpose,
 * guidance, and each field's label, help, scale ends and option labels. A translation whose
 * structure differs from the original is refused when loaded, so answers never depend on the
 * language. An exercise with no file in a language is shown in English.
 */
const cache = new Map<string, Promise<Map<string, ExerciseDefinition>>>();

function sameStructure(original: ExerciseDefinition, translated: ExerciseDefinition): string | null {
  if (original.fields.length !== translated.fields.length) return "a different number of fields";
  for (const [i, field] of original.fields.entries()) {
    const other = translated.fields[i]!;
    if (field.id !== other.id || field.type !== other.type || field.required !== other.required) return `field ${i + 1} differs (id, type or required)`;
    if (("role" in field ? field.role : undefined) !== ("role" in other ? other.role : undefined)) return `field "${field.id}" has another role`;
    if (field.type === "emotion" && other.type === "emotion" && field.allowUnnamed !== other.allowUnnamed) return `field "${field.id}" differs in allowUnnamed`;
    if (field.type === "checklist" && other.type === "checklist") {
      if (field.options.map((o) => o.value).join("|") !== other.options.map((o) => o.value).join("|")) return `field "${field.id}" has other option values`;
    }
  }
  return original.kind === translated.kind && original.audience === translated.audience && original.minutes === translated.minutes ? null : "kind, audience or minutes differ";
}

async function load(language: string, originals: readonly ExerciseDefinition[], root: string): Promise<Map<string, ExerciseDefinition>> {
  const dir = path.join(root, language);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.toLowerCase().endsWith(".md")).sort();
  } catch {
    return new Map();
  }
  const files = await Promise.all(names.map(async (name) => ({ fileName: `${EXERCISES_DIR}/${language}/${name}`, text: await readFile(path.join(dir, name), "utf8") })));
  const out = new Map<string, ExerciseDefinition>();
  for (const [i, translated] of buildExerciseLibrary(files).entries()) {
    const original = originals.find((e) => e.id === translated.id);
    if (!original) throw new Error(`${EXERCISES_DIR}/${language}: "${translated.id}" translates no bundled exercise`);
    const problem = sameStructure(original, translated);
    if (problem) throw new Error(`${EXERCISES_DIR}/${language}: "${translated.id}" is not the same exercise: ${problem} (file ${i + 1})`);
    out.set(translated.id, translated);
  }
  return out;
}

/** The bundled exercises' translations into `language`, by exercise id (loaded once per process). */
export function exerciseTranslations(language: string, originals: readonly ExerciseDefinition[], root = path.join(process.cwd(), EXERCISES_DIR)): Promise<Map<string, ExerciseDefinition>> {
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language) || language === "en") return Promise.resolve(new Map());
  const key = `${root}|${language}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = load(language, originals, root);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

function localizeField(field: ExerciseField, words: ExerciseField): ExerciseField {
  const out = { ...field, label: words.label, help: words.help ?? field.help } as ExerciseField;
  if (out.type === "scale_0_10" && words.type === "scale_0_10") {
    out.minLabel = words.minLabel ?? out.minLabel;
    out.maxLabel = words.maxLabel ?? out.maxLabel;
  }
  if (out.type === "checklist" && words.type === "checklist") {
    out.options = out.options.map((o, i) => ({ ...o, label: words.options[i]?.label ?? o.label }));
  }
  return out;
}

/** The exercise with the translation's words (and the original's structure); itself when there is none. */
export function localizeExercise<E extends ExerciseDefinition>(exercise: E, translation: ExerciseDefinition | undefined): E & { language?: string } {
  if (!translation) return exercise;
  return {
    ...exercise,
    title: translation.title,
    purpose: translation.purpose,
    guidance: translation.guidance,
    fields: exercise.fields.map((f, i) => localizeField(f, translation.fields[i]!)),
  };
}
