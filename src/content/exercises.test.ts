import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXERCISE_KINDS, type ExerciseDefinition } from "@/exercises/schemas";
import { buildExerciseLibrary, loadBundledExercises, parseExerciseFile, parseGuidance } from "./exercises";

const VALID = `---
id: sample
title: Sample
kind: journal
audience: client
minutes: 5
purpose: A sample exercise.
version: 1
fields:
  - id: note
    type: short_text
    label: A note
  - id: mood
    type: emotion
    label: Mood
    allowUnnamed: true
  - id: where
    type: body_area
    label: Where
---
First paragraph
continues here.

- one
- two
  wrapped
`;

/** Replaces the front-matter line that starts with `from` (first occurrence) by `to`. */
const withLine = (from: string, to: string): string => {
  expect(VALID).toContain(from);
  return VALID.replace(from, to);
};

describe("bundled exercises", () => {
  let library: readonly ExerciseDefinition[];
  beforeAll(async () => {
    library = await loadBundledExercises();
  });

  it("loads every file in content/exercises", () => {
    expect(library.length).toBeGreaterThanOrEqual(10);
    for (const exercise of library) {
      expect(exercise.guidance.length).toBeGreaterThan(0);
      expect(exercise.fields.length).toBeGreaterThan(0);
    }
  });

  it("returns the cached library on the second call", async () => {
    expect(await loadBundledExercises()).toBe(library);
  });

  it("covers every required kind", () => {
    const kinds = new Set(library.map((exercise) => exercise.kind));
    for (const kind of EXERCISE_KINDS) expect(kinds, kind).toContain(kind);
  });

  it("gives the thought record the emotion and both intensity roles", () => {
    const record = library.find((exercise) => exercise.kind === "thought_record");
    expect(record).toBeDefined();
    const roles = new Map(record?.fields.flatMap((field) => ("role" in field && field.role ? [[field.role, field.type]] : [])));
    expect(roles.get("emotion_before")).toBe("emotion");
    expect(roles.get("intensity_before")).toBe("intensity_0_100");
    expect(roles.get("intensity_after")).toBe("intensity_0_100");
  });

  it("addresses boundary and detachment-with-love work to family members", () => {
    const family = library.filter((exercise) => exercise.kind === "boundaries");
    expect(family.map((exercise) => exercise.id)).toEqual(expect.arrayContaining(["detachment-with-love", "holding-a-boundary"]));
    for (const exercise of family) expect(exercise.audience, exercise.id).toBe("family");
    const detachment = library.find((exercise) => exercise.id === "detachment-with-love");
    expect(detachment?.fields.map((field) => field.id)).toEqual(
      expect.arrayContaining(["situation", "old_response", "chosen_response", "self_care"]),
    );
  });

  it("keeps every exercise within 10 minutes", () => {
    for (const exercise of library) expect(exercise.minutes, exercise.id).toBeLessThanOrEqual(10);
  });

  it("offers a body or behaviour route wherever a feeling is asked for", () => {
    for (const exercise of library) {
      const emotions = exercise.fields.filter((field) => field.type === "emotion");
      if (emotions.length === 0) continue;
      for (const field of emotions) expect(field.allowUnnamed, `${exercise.id}.${field.id}`).toBe(true);
      expect(exercise.fields.some((field) => field.type === "body_area"), exercise.id).toBe(true);
    }
  });

  it("is sorted by audience then title", () => {
    const keys = library.map((exercise) => `${exercise.audience}|${exercise.title}`);
    const audiences = library.map((exercise) => exercise.audience);
    expect(audiences.indexOf("family")).toBeGreaterThan(audiences.lastIndexOf("client"));
    expect(keys).toEqual([...keys].sort((a, b) => a.localeCompare(b, "en")));
  });
});

describe("parseExerciseFile", () => {
  it("parses front matter, applies defaults and builds guidance blocks", () => {
    const exercise = parseExerciseFile("content/exercises/sample.md", VALID);
    expect(exercise.id).toBe("sample");
    expect(exercise.fields[0]).toMatchObject({ id: "note", type: "short_text", maxLength: 200, required: false });
    expect(exercise.guidance).toEqual([
      { type: "p", text: "First paragraph continues here." },
      { type: "ul", items: ["one", "two wrapped"] },
    ]);
  });

  const fails = (text: string, fileName = "content/exercises/sample.md") => () => parseExerciseFile(fileName, text);

  it("reports bad YAML with the file name", () => {
    expect(fails(withLine("title: Sample", "title: [unclosed"))).toThrow(
      /^content\/exercises\/sample\.md:\d+: invalid YAML in front matter: \S/,
    );
    // The duplicate key sits on line 9 of the file (line 8 of the front matter).
    expect(fails(withLine("version: 1", "version: 1\ntitle: Again"))).toThrow(
      /^content\/exercises\/sample\.md:9: invalid YAML in front matter: Map keys must be unique$/,
    );
  });

  it("reports a missing id", () => {
    expect(fails(withLine("id: sample\n", ""))).toThrow(/^content\/exercises\/sample\.md: id: Required/);
  });

  it("reports an id that differs from the file name", () => {
    expect(fails(VALID, "content/exercises/other.md")).toThrow(
      /^content\/exercises\/other\.md: id: "sample" does not match the file name \(expected "other"\)/,
    );
  });

  it("reports an unknown field type with its path", () => {
    expect(fails(withLine("type: short_text", "type: essay"))).toThrow(
      /^content\/exercises\/sample\.md: fields\.0\.type: Invalid option: expected one of short_text, long_text/,
    );
  });

  it("reports a duplicate field id", () => {
    expect(fails(withLine("id: where", "id: note"))).toThrow(
      /^content\/exercises\/sample\.md: fields\.2\.id: Duplicate field id "note"/,
    );
  });

  it("reports a checklist with a single option", () => {
    const text = withLine(
      "  - id: where\n    type: body_area\n",
      "  - id: where\n    type: checklist\n    options:\n      - value: only\n        label: Only one\n",
    );
    expect(fails(text)).toThrow(/^content\/exercises\/sample\.md: fields\.2\.options: A checklist needs at least 2 options/);
  });

  it("reports misspelt keys instead of ignoring them", () => {
    expect(fails(withLine("    allowUnnamed: true", "    allowUnamed: true"))).toThrow(/fields\.1: Unrecognized key: "allowUnamed"/);
  });

  it("rejects a role on a field type that cannot carry it", () => {
    expect(fails(withLine("    label: A note", "    label: A note\n    role: intensity_before"))).toThrow(
      /fields\.0: Unrecognized key: "role"/,
    );
  });

  it("requires a thought record to carry all three roles", () => {
    expect(fails(withLine("kind: journal", "kind: thought_record"))).toThrow(
      /fields: A thought record needs .*missing emotion_before, intensity_before, intensity_after/,
    );
  });

  it("reports an exercise that is too long", () => {
    expect(fails(withLine("minutes: 5", "minutes: 25"))).toThrow(/minutes: At most 10 minutes/);
  });

  it("reports a file without front matter", () => {
    expect(fails("Just text\n")).toThrow(/^content\/exercises\/sample\.md:1: the file must start with a "---" line/);
  });

  it("reports HTML in the body with its line number", () => {
    const text = `${VALID}\n<b>bold</b>\n`;
    const line = text.split("\n").indexOf("<b>bold</b>") + 1;
    expect(fails(text)).toThrow(`content/exercises/sample.md:${line}: HTML is not allowed in guidance`);
  });

  it("reports an empty body", () => {
    expect(fails(VALID.slice(0, VALID.lastIndexOf("---") + 4))).toThrow(/guidance: Write some guidance in the body/);
  });
});

describe("parseGuidance", () => {
  it("splits paragraphs on blank lines and ends a list at a non-indented line", () => {
    expect(parseGuidance("a\nb\n\n\nc\n- x\n- y\nd\n")).toEqual([
      { type: "p", text: "a b" },
      { type: "p", text: "c" },
      { type: "ul", items: ["x", "y"] },
      { type: "p", text: "d" },
    ]);
  });

  it("rejects headings and other list markers", () => {
    expect(() => parseGuidance("# Title")).toThrow(/headings are not allowed/);
    expect(() => parseGuidance("* item")).toThrow(/lists use "- "/);
  });
});

describe("buildExerciseLibrary", () => {
  it("rejects duplicate ids, naming both files", () => {
    expect(() =>
      buildExerciseLibrary([
        { fileName: "content/exercises/sample.md", text: VALID },
        { fileName: "org/exercises/sample.md", text: VALID },
      ]),
    ).toThrow('org/exercises/sample.md: duplicate exercise id "sample" (also in content/exercises/sample.md)');
  });
});

describe("loadBundledExercises on a directory", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "attune-exercises-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("ignores non-markdown files, fails on a broken file, and retries after the fix", async () => {
    await writeFile(path.join(dir, "README.txt"), "not an exercise");
    await writeFile(path.join(dir, "sample.md"), VALID.replace("minutes: 5", "minutes: 0"));
    await expect(loadBundledExercises(dir)).rejects.toThrow(/sample\.md: minutes: At least 1 minute/);
    await writeFile(path.join(dir, "sample.md"), VALID);
    const library = await loadBundledExercises(dir);
    expect(library.map((exercise) => exercise.id)).toEqual(["sample"]);
  });
});
