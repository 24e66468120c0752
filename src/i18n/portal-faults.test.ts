import { describe, expect, it } from "vitest";
import { userFaultOf } from "@/db/errors";
import { UNSTORABLE_MESSAGE } from "@/lib/storable-text";
import { idempotencyKey, jsonObjectText } from "@/lib/zod-fields";
import { translateKnownMessage } from "./known-messages";
import { shippedLanguages } from "./catalog";
import { translator } from "./translate";

// The checks a client can meet in the portal that the server writes in English (a stale form, an
// unreadable answer, a value the database refuses) reach the client in their language: the
// portal's messages/<code>.json have them (portal.errors), and translateKnownMessage matches the
// English the code writes. If the code's English changes and the file's does not, this fails.
const faults: [string, string][] = [
  ["reloadAndRetry", idempotencyKey.safeParse("x").error!.issues[0]!.message],
  ["answersUnreadable", jsonObjectText(100, "Too long.").safeParse("{not json").error!.issues[0]!.message],
  ["unstorable", UNSTORABLE_MESSAGE],
  ["formNeedsAttention", "Something in the form needs attention."],
  ["unknownExercise", "Unknown exercise."],
  ...(
    [
      ["alreadyRecorded", "23505"],
      ["referenceGone", "23503"],
      ["requiredMissing", "23502"],
      ["valueNotAllowed", "23514"],
      ["valueTooLong", "22001"],
      ["numberOutOfRange", "22003"],
      ["dateInvalid", "22007"],
      ["dateOutOfRange", "22008"],
      ["characterUnsaveable", "22021"],
      ["unexpectedForm", "22P02"],
      ["tooLargeToSave", "54000"],
    ] as const
  ).map(([key, code]): [string, string] => [key, userFaultOf({ code })!.message]),
];

describe("the server's English checks a client can meet, in the client's language", () => {
  for (const language of shippedLanguages().filter((l) => l.code !== "en")) {
    it(`${language.code}: each is translated, from portal.errors`, () => {
      const t = translator(language.code, "portal.errors");
      for (const [key, english] of faults) {
        expect(translator("en", "portal.errors")(key), key).toBe(english);
        expect(translateKnownMessage(english, language.code), key).toBe(t(key));
        expect(t(key), key).not.toBe(english);
      }
    });
  }
});
