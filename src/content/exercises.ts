import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml, YAMLParseError } from "yaml";
import type * as z from "zod";
import { exerciseDefinitionSchema, type ExerciseDefinition, type GuidanceBlock } from "@/exercises/schemas";

export const EXERCISES_DIR = path.join("content", "exercises");

const FENCE = "---";

class ContentError extends Error {
  constructor(
    readonly reason: string,
    readonly line?: number,
  ) {
    super(reason);
  }
}

function splitFrontMatter(text: string): { frontMatter: string; body: string; bodyStartLine: number } {
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  if (lines[0]?.trimEnd() !== FENCE) {
    throw new ContentError(`the file must start with a "${FENCE}" line that opens the front matter`, 1);
  }
  const close = lines.findIndex((line, index) => index > 0 && line.trimEnd() === FENCE);
  if (close === -1) throw new ContentError(`the front matter is never closed by a "${FENCE}" line`);
  return {
    frontMatter: lines.slice(1, close).join("\n"),
    body: lines.slice(close + 1).join("\n"),
    bodyStartLine: close + 2,
  };
}

function parseFrontMatter(source: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(source);
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    // The yaml package counts lines from the start of the front matter and appends a code frame;
    // keep the reason and report the position as a line of the file (the opening fence is line 1).
    const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
    const line = error.linePos?.[0].line;
    throw new ContentError(`invalid YAML in front matter: ${reason}`, line === undefined ? undefined : line + 1);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new ContentError("the front matter must be a YAML mapping of keys to values");
  }
  if ("guidance" in data) {
    throw new ContentError("guidance: write guidance in the body below the front matter, not as a key");
  }
  return data as Record<string, unknown>;
}

const HTML_TAG = /<\/?[a-z][^>]*>/i;
const HEADING = /^#{1,6}\s/;
const OTHER_BULLET = /^(\*|\+|\d+[.)])\s/;

/**
 * Guidance is deliberately tiny: paragraphs separated by blank lines, and "- " bullet lists.
 * An indented line right after a bullet continues that bullet.
 */
export function parseGuidance(body: string, firstLine = 1): GuidanceBlock[] {
  const blocks: GuidanceBlock[] = [];
  let current: { type: "p"; lines: string[] } | { type: "ul"; items: string[] } | null = null;

  const close = () => {
    if (current?.type === "p") blocks.push({ type: "p", text: current.lines.join(" ") });
    if (current?.type === "ul") blocks.push({ type: "ul", items: current.items });
    current = null;
  };

  body.split(/\r?\n/).forEach((raw, index) => {
    const lineNumber = firstLine + index;
    const line = raw.trim();
    if (line === "") {
      close();
      return;
    }
    if (HTML_TAG.test(line)) throw new ContentError("HTML is not allowed in guidance", lineNumber);
    if (HEADING.test(line)) throw new ContentError("headings are not allowed in guidance; use a plain paragraph", lineNumber);
    if (OTHER_BULLET.test(line)) throw new ContentError('lists use "- " at the start of each item', lineNumber);

    if (line.startsWith("- ")) {
      const item = line.slice(2).trim();
      if (current?.type !== "ul") {
        close();
        current = { type: "ul", items: [] };
      }
      current.items.push(item);
      return;
    }
    if (current?.type === "ul" && /^\s/.test(raw) && current.items.length > 0) {
      const last = current.items.length - 1;
      current.items[last] = `${current.items[last]} ${line}`;
      return;
    }
    if (current?.type !== "p") {
      close();
      current = { type: "p", lines: [] };
    }
    current.lines.push(line);
  });
  close();
  return blocks;
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

const baseName = (fileName: string): string => fileName.split(/[\\/]/).pop() ?? fileName;

/**
 * Parses one exercise file. `fileName` is used as given in error messages and its base name
 * (without ".md") must equal the exercise id. Throws an Error naming the file and the reason.
 */
export function parseExerciseFile(fileName: string, text: string): ExerciseDefinition {
  try {
    const { frontMatter, body, bodyStartLine } = splitFrontMatter(text);
    const data = parseFrontMatter(frontMatter);
    const guidance = parseGuidance(body, bodyStartLine);
    const result = exerciseDefinitionSchema.safeParse({ ...data, guidance });
    if (!result.success) throw new ContentError(formatIssues(result.error.issues));
    const expectedId = baseName(fileName).replace(/\.md$/i, "");
    if (result.data.id !== expectedId) {
      throw new ContentError(`id: "${result.data.id}" does not match the file name (expected "${expectedId}")`);
    }
    return result.data;
  } catch (error) {
    if (error instanceof ContentError) {
      const where = error.line === undefined ? fileName : `${fileName}:${error.line}`;
      throw new Error(`${where}: ${error.reason}`, { cause: error });
    }
    throw error;
  }
}

const byAudienceThenTitle = (a: ExerciseDefinition, b: ExerciseDefinition): number =>
  a.audience.localeCompare(b.audience) || a.title.localeCompare(b.title, "en") || a.id.localeCompare(b.id);

/**
 * Parses a set of exercise files (bundled, or an organisation's own merged in) into one library,
 * sorted by audience then title. Rejects duplicate ids, naming both files.
 */
export function buildExerciseLibrary(files: readonly { fileName: string; text: string }[]): ExerciseDefinition[] {
  const byId = new Map<string, string>();
  const definitions: ExerciseDefinition[] = [];
  for (const file of files) {
    const definition = parseExerciseFile(file.fileName, file.text);
    const previous = byId.get(definition.id);
    if (previous !== undefined) {
      throw new Error(`${file.fileName}: duplicate exercise id "${definition.id}" (also in ${previous})`);
    }
    byId.set(definition.id, file.fileName);
    definitions.push(definition);
  }
  return definitions.sort(byAudienceThenTitle);
}

const cache = new Map<string, Promise<readonly ExerciseDefinition[]>>();

async function readLibrary(dir: string, displayDir: string): Promise<readonly ExerciseDefinition[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith(".md"))
    .map((entry) => entry.name)
    .sort();
  const files = await Promise.all(
    names.map(async (name) => ({
      fileName: `${displayDir}/${name}`,
      text: await readFile(path.join(dir, name), "utf8"),
    })),
  );
  return Object.freeze(buildExerciseLibrary(files));
}

/**
 * Every exercise in content/exercises (resolved from the working directory), parsed once per
 * process. `dir` exists for tests; a failed load is not cached so a fixed file is picked up.
 */
export function loadBundledExercises(dir: string = path.join(process.cwd(), EXERCISES_DIR)): Promise<readonly ExerciseDefinition[]> {
  const key = path.resolve(dir);
  let pending = cache.get(key);
  if (pending === undefined) {
    const relative = path.relative(process.cwd(), key);
    const displayDir = (relative === "" || relative.startsWith("..") ? key : relative).split(path.sep).join("/");
    pending = readLibrary(key, displayDir);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

export async function findBundledExercise(id: string): Promise<ExerciseDefinition | undefined> {
  return (await loadBundledExercises()).find((exercise) => exercise.id === id);
}
