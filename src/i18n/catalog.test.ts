import { describe, expect, it } from "vitest";
import { IntlMessageFormat } from "intl-messageformat";
import { DEFAULT_LANGUAGE, directionOf, messagesFor, resolveLanguage, shippedLanguages } from "./catalog";
import { translateKnownMessage } from "./known-messages";
import { translator } from "./translate";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

// The placeholders a message uses ({name}, {count, plural, …}, <tag>), so a translation cannot drop or rename one.
function placeholders(message: string): string[] {
  const names = new Set<string>();
  for (const m of message.matchAll(/\{\s*(\w+)\s*(?:[,}])/g)) names.add(m[1]!);
  for (const m of message.matchAll(/<(\w+)>/g)) names.add(`<${m[1]}>`);
  return [...names].sort();
}

describe("the shipped languages", () => {
  const english = leaves(messagesFor(DEFAULT_LANGUAGE) as unknown as Tree);
  const languages = shippedLanguages();

  it("are English, Spanish and Arabic, English first, each saying who has reviewed it", () => {
    expect(languages.map((l) => l.code)).toEqual(["en", "ar", "es"]);
    for (const l of languages) expect(l.review.length).toBeGreaterThan(0);
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("es")).toBe("ltr");
  });

  for (const language of languages) {
    it(`${language.code} has every message key English has, no other, and the same placeholders`, () => {
      const messages = leaves(messagesFor(language.code) as unknown as Tree);
      const missing = [...english.keys()].filter((k) => !messages.has(k));
      const extra = [...messages.keys()].filter((k) => !english.has(k));
      expect(missing, `missing in ${language.code}`).toEqual([]);
      expect(extra, `not in English`).toEqual([]);
      for (const [key, message] of messages) {
        expect(message.trim(), `${language.code} ${key} is empty`).not.toBe("");
        expect(placeholders(message), `${language.code} ${key}`).toEqual(placeholders(english.get(key)!));
        // Every message parses as ICU in its own locale (plural categories included).
        expect(() => new IntlMessageFormat(message, language.code), `${language.code} ${key}`).not.toThrow();
      }
    });
  }

  it("resolves a preferred language to a shipped one", () => {
    expect(resolveLanguage("es-MX")).toBe("es");
    expect(resolveLanguage("fr")).toBe("en");
    expect(resolveLanguage(null)).toBe("en");
  });

  it("formats plurals and translates the known English checks", () => {
    expect(translator("es", "portal")("minutes", { minutes: 1 })).toBe("Unos 1 minuto");
    expect(translator("es", "portal")("minutes", { minutes: 5 })).toBe("Unos 5 minutos");
    expect(translator("en", "portal")("minutes", { minutes: 1 })).toBe("About 1 minute");
    expect(translateKnownMessage("Not answered.", "es")).toBe("Sin responder.");
    expect(translateKnownMessage("Keep this under 4000 characters", "es")).toBe("Use menos de 4000 caracteres");
    expect(translateKnownMessage("3 questions are not answered yet. You can answer them, or tick “Save without them”.", "es")).toBe(
      "Hay 3 preguntas sin responder. Puede responderlas o marcar «Guardar sin responderlas».",
    );
    expect(translateKnownMessage("Something nobody wrote down", "es")).toBe("Something nobody wrote down");
  });
});
