import "server-only";

import { readFile, readdir } from "node:fs/promises";
import path from "node:path";

import { InstrumentError, type Instrument } from "@/instruments/fhir-schema";
import { parseQuestionnaire } from "@/instruments/parse-questionnaire";

export const BUNDLED_INSTRUMENTS_DIR = path.join("content", "instruments");

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}

/**
 * Parses every `*.json` Questionnaire in a directory (sorted by file name). Throws on the first
 * file that is not valid, naming it, and on two files with the same url and version.
 */
export async function loadInstrumentsFromDirectory(directory: string): Promise<Instrument[]> {
  const names = (await readdir(directory)).filter((name) => name.endsWith(".json")).sort();
  const instruments: Instrument[] = [];
  const byCanonical = new Map<string, string>();
  for (const name of names) {
    const file = displayPath(path.join(directory, name));
    const text = await readFile(path.join(directory, name), "utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new InstrumentError(file, [{ path: "", message: `invalid JSON (${reason})` }]);
    }
    const instrument = parseQuestionnaire(file, json);
    const earlier = byCanonical.get(instrument.canonical);
    if (earlier !== undefined) {
      throw new InstrumentError(file, [
        { path: "", message: `${instrument.canonical} is already defined by ${earlier}` },
      ]);
    }
    byCanonical.set(instrument.canonical, file);
    instruments.push(instrument);
  }
  return instruments;
}

let bundled: Promise<readonly Instrument[]> | null = null;

/** The instruments shipped in content/instruments, read once per process. */
export function loadBundledInstruments(): Promise<readonly Instrument[]> {
  if (!bundled) {
    bundled = loadInstrumentsFromDirectory(path.join(process.cwd(), BUNDLED_INSTRUMENTS_DIR)).catch((error: unknown) => {
      // A failed read is not cached, so fixing the file does not need a restart.
      bundled = null;
      throw error;
    });
  }
  return bundled;
}

/** A bundled instrument by canonical `url|version`, or by url alone (the highest version then). */
export async function getBundledInstrument(canonical: string): Promise<Instrument | undefined> {
  const instruments = await loadBundledInstruments();
  const [url, version] = canonical.split("|");
  const matches = instruments.filter((i) => i.url === url && (version === undefined || i.version === version));
  return matches.sort((a, b) => b.version.localeCompare(a.version, undefined, { numeric: true }))[0];
}
