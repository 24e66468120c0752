import { describe, expect, it } from "vitest";
import { loadBundledInstruments } from "@/content/instruments";
import { parseQuestionnaire } from "./parse-questionnaire";
import { scoreResponse } from "./scoring";
import { instrumentLanguages, isFullyTranslated, localizeInstrument, shownLanguage, titleTranslations, TRANSLATION_URL } from "./translation";
import type { AnswerValue, Instrument } from "./types";

const clientFacing = ["attune-numbness", "attune-empathy-connection", "attune-family-wellbeing"];

// Deterministic answer sets: every option of every item in turn, some with gaps.
function answerSets(instrument: Instrument): Record<string, AnswerValue>[] {
  const choices = instrument.items.filter((i) => i.type === "choice");
  const sets: Record<string, AnswerValue>[] = [];
  for (let round = 0; round < 6; round++) {
    const answers: Record<string, AnswerValue> = {};
    choices.forEach((item, i) => {
      if ((round + i) % 5 === 4 && round > 2) return; // leave some unanswered
      answers[item.linkId] = { code: item.options[(round + i) % item.options.length]!.code };
    });
    sets.push(answers);
  }
  return sets;
}

const translatedInto = ["ar", "es"];

describe("bundled check-ins in Spanish and Arabic (FHIR translation extension)", () => {
  it("translate every question and answer of the client-facing check-ins", async () => {
    const bundled = await loadBundledInstruments();
    for (const id of clientFacing) {
      const instrument = bundled.find((i) => i.id === id)!;
      expect(instrumentLanguages(instrument), id).toEqual(translatedInto);
      expect(shownLanguage(instrument, "es-MX")).toBe("es");
      expect(shownLanguage(instrument, "fr")).toBe("en");
      for (const language of translatedInto) {
        expect(isFullyTranslated(instrument, language), `${id} ${language}`).toBe(true);
        expect(shownLanguage(instrument, language)).toBe(language);
        const shown = localizeInstrument(instrument, language);
        expect(shown.title).not.toBe(instrument.title);
        expect(shown.description).not.toBe(instrument.description);
        for (const q of shown.items) {
          const original = instrument.items.find((i) => i.linkId === q.linkId)!;
          if (original.text) expect(q.text, `${language} ${q.linkId}`).not.toBe(original.text);
          expect(q.options.map((o) => o.code)).toEqual(original.options.map((o) => o.code));
          expect(q.options.map((o) => o.weight)).toEqual(original.options.map((o) => o.weight));
          q.options.forEach((o, k) => expect(o.display, `${language} ${q.linkId} ${o.code}`).not.toBe(original.options[k]!.display));
        }
      }
    }
  });

  it("name every bundled check-in in each shipped language for the client's summary, the counselor-rated profile included", async () => {
    const bundled = await loadBundledInstruments();
    for (const instrument of bundled) {
      const titles = titleTranslations(instrument);
      expect(Object.keys(titles).sort(), instrument.id).toEqual(["ar", "es"]);
      for (const title of Object.values(titles)) expect(title).not.toBe(instrument.title);
    }
    // The profile is rated by the counselor: its questions stay in English, so it is never shown translated.
    const profile = bundled.find((i) => i.id === "attune-detachment-profile")!;
    expect(shownLanguage(profile, "es")).toBe("en");
  });

  it("score exactly as the original on the same answers", async () => {
    const bundled = await loadBundledInstruments();
    for (const id of clientFacing) {
      const instrument = bundled.find((i) => i.id === id)!;
      for (const translated of translatedInto.map((language) => localizeInstrument(instrument, language)))
      for (const answers of answerSets(instrument)) {
        const a = scoreResponse(instrument, answers);
        const b = scoreResponse(translated, answers);
        expect(b.total, id).toEqual(a.total);
        expect(b.subscales, id).toEqual(a.subscales);
        expect(b.band, id).toEqual(a.band);
        expect(b.status, id).toEqual(a.status);
        expect(b.missing, id).toEqual(a.missing);
        expect(b.critical.length, id).toEqual(a.critical.length);
      }
    }
  });

  it("keeps an imported questionnaire's translations through parsing, and shows a partly translated one in its own language", async () => {
    const bundled = await loadBundledInstruments();
    const source = structuredClone((bundled.find((i) => i.id === "attune-numbness")!).questionnaire) as unknown as Record<string, unknown>;
    const reparsed = parseQuestionnaire("import", JSON.parse(JSON.stringify({ ...source, url: "https://example.org/q", version: "1" })));
    expect(localizeInstrument(reparsed, "es").items.find((i) => i.linkId === "empty")!.text).toBe("Me sentí vacío/a por dentro.");
    const items = source.item as { linkId: string; _text?: unknown }[];
    delete items.find((i) => i.linkId === "empty")!._text;
    const partial = parseQuestionnaire("import", { ...source, url: "https://example.org/q", version: "2" });
    expect(isFullyTranslated(partial, "es")).toBe(false);
    expect(shownLanguage(partial, "es")).toBe("en");
    expect(TRANSLATION_URL).toBe("http://hl7.org/fhir/StructureDefinition/translation");
  });
});
