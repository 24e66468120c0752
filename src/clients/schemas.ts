import { z } from "zod";
import { clientStatus, recoveryFocus } from "@/db/schema";
import { localDate, optionalLocalDate, optionalText, requiredText, stringList, timeZone, todayIn, uuid, version } from "@/lib/zod-fields";
import { staffText } from "@/i18n/staff";

const cv = staffText("clientValidation");

export { focusLabels, statusLabels } from "./labels";

/**
 * The one rule for labels (tags), beside the rule for names. A name is a person's own and is kept
 * as written, in any script, with marks or emoji. A label is the team's shared vocabulary: it is
 * matched, filtered, sorted, exported to CSV and read aloud in every roster row, so it is plain
 * words: letters (any script), numbers, spaces, - and _, and nothing else, emoji included. The
 * message says so rather than leave the counselor to guess. README "Names and labels" says the same.
 */
// Marks (\p{M}) let scripts that need them spell words; the emoji presentation selectors and the
// keycap mark are marks too, so they are named and kept out ("1️⃣" is an emoji).
export const LABEL_PATTERN = /^(?:(?![\u{FE0E}\u{FE0F}\u{20E3}])[\p{L}\p{M}\p{N} _-])+$/u;
export const LABEL_RULE = cv("tagRule");

const tagList = z
  .string()
  .optional()
  .transform((v) =>
    [...new Set((v ?? "").split(",").map((t) => t.trim().toLowerCase()).filter(Boolean))],
  )
  .pipe(
    z
      .array(z.string().max(30, cv("tagTooLong")).regex(LABEL_PATTERN, LABEL_RULE))
      .max(10, cv("tooManyTags")),
  );

const openStatuses = clientStatus.enumValues.filter((s) => s !== "discharged") as ["intake", "active", "on_hold"];

export const clientFieldsSchema = z.object({
  name: requiredText(120, cv("enterName"), cv("theName")),
  preferredName: optionalText(60, cv("thePreferredName")),
  pronouns: optionalText(40, cv("pronouns")),
  dateOfBirth: optionalLocalDate.refine((v) => v === undefined || (v > "1900-01-01" && v < todayIn()), cv("dateOfBirthPast")),
  recordNumber: requiredText(40, cv("enterRecordNumber"), cv("theRecordNumber")).regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    cv("recordNumberCharacters"),
  ),
  recoveryFocus: z.enum(recoveryFocus.enumValues, { error: cv("chooseRecoveryFocus") }),
  status: z.enum(openStatuses, { error: cv("chooseStatus") }),
  primaryCounselorId: uuid(cv("choosePrimaryCounselor")),
  careTeam: stringList.pipe(z.array(uuid(cv("chooseCareTeam"))).max(10, cv("careTeamTooLarge"))),
  tags: tagList,
  startDate: localDate(cv("enterStartDate")),
  timeZone,
  // Which shipped language is checked on the server (the files in messages/); here only the shape.
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, cv("chooseLanguage"))
    .optional()
    .default("en"),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^([A-Z]{2})?$/, cv("chooseCountry")))
    .optional()
    .transform((v) => (v ? v : null)),
});

export const createClientSchema = clientFieldsSchema;
export type CreateClientInput = z.infer<typeof createClientSchema>;

export const updateClientSchema = clientFieldsSchema.extend({ clientId: uuid(cv("unknownClient")), version });
export type UpdateClientInput = z.infer<typeof updateClientSchema>;

export const dischargeSchema = z
  .object({
    clientId: uuid(cv("unknownClient")),
    version,
    dischargedOn: localDate(cv("enterDischargeDate")),
    reason: requiredText(500, cv("sayWhyDischarged"), cv("theReason")),
  })
  .refine((v) => v.dischargedOn <= todayIn("Pacific/Kiritimati"), { path: ["dischargedOn"], message: cv("dischargeInFuture") });

export const readmitSchema = z.object({
  clientId: uuid(cv("unknownClient")),
  version,
  status: z.enum(["intake", "active"], { error: cv("chooseIntakeOrActive") }),
  startDate: localDate(cv("enterReadmissionDate")),
});
