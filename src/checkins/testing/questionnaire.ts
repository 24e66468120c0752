import { ITEM_WEIGHT_URL } from "@/instruments/fhir-schema";

const FREQUENCY = [
  ["not-at-all", "Not at all"],
  ["several-days", "Several days"],
  ["more-than-half", "More than half the days"],
  ["nearly-every-day", "Nearly every day"],
] as const;

const QUESTIONS = [
  ["interest", "Little interest or pleasure in doing things you usually like"],
  ["low", "Feeling low or without hope"],
  ["sleep", "Trouble with sleep, too little or too much"],
  ["tired", "Feeling tired or having little energy"],
] as const;

interface FixtureItem {
  linkId: string;
  type: string;
  text: string;
  required?: boolean;
  answerOption?: { valueCoding: { system: string; code: string; display: string }; extension?: { url: string; valueDecimal: number }[] }[];
}

/**
 * A small public-domain style screening questionnaire, as an organisation might import it:
 * four items weighted 0..3 with the standard itemWeight extension, and no Attune scoring yet.
 */
export function moodScreen(version = "1.0.0", wording = "Over the last two weeks, how often has this bothered you?"): Record<string, unknown> & { item: FixtureItem[] } {
  return {
    resourceType: "Questionnaire",
    url: "http://example.org/fhir/Questionnaire/mood-screen",
    version,
    title: "Mood screen (4 items)",
    status: "active",
    copyright: "Public domain. Test fixture written for Attune's tests.",
    item: [
      { linkId: "intro", type: "display", text: wording },
      ...QUESTIONS.map(([linkId, text]): FixtureItem => ({
        linkId,
        type: "choice",
        text,
        required: true,
        answerOption: FREQUENCY.map(([code, display], weight) => ({
          valueCoding: { system: "http://example.org/frequency", code, display },
          extension: [{ url: ITEM_WEIGHT_URL, valueDecimal: weight }],
        })),
      })),
    ],
  };
}

/** The scoring form as an admin fills it for the mood screen (0..12, invalid when incomplete). */
export function moodScreenScoring(instrumentId: string, overrides: Record<string, string | string[]> = {}) {
  return {
    instrumentId,
    direction: "higher_is_worse",
    method: "sum",
    min: "0",
    max: "12",
    missingRule: "invalid",
    bandFrom: ["0", "5", "10"],
    bandTo: ["5", "10", "12"],
    bandLabel: ["Minimal", "Moderate", "Severe"],
    rciSource: "published",
    rciR: "0.84",
    rciSd: "2.9",
    rciCitation: "Test values for the fixture",
    criticalItem: "low",
    criticalAnswers: "nearly-every-day",
    criticalMessage: "The client felt low or without hope nearly every day. Follow up today.",
    ...overrides,
  };
}
