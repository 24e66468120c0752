import { z } from "zod";
import { clientStatus, recoveryFocus } from "@/db/schema";
import { localDate, optionalLocalDate, optionalText, requiredText, stringList, timeZone, todayIn, uuid, version } from "@/lib/zod-fields";

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
export const LABEL_RULE = "Tags are plain words: letters, numbers, spaces, - and _ (no emoji or other symbols).";

const tagList = z
  .string()
  .optional()
  .transform((v) =>
    [...new Set((v ?? "").split(",").map((t) => t.trim().toLowerCase()).filter(Boolean))],
  )
  .pipe(
    z
      .array(z.string().max(30, "Keep each tag under 30 characters.").regex(LABEL_PATTERN, LABEL_RULE))
      .max(10, "Use at most 10 tags."),
  );

const openStatuses = clientStatus.enumValues.filter((s) => s !== "discharged") as ["intake", "active", "on_hold"];

export const clientFieldsSchema = z.object({
  name: requiredText(120, "Enter the client's full name.", "the name"),
  preferredName: optionalText(60, "the preferred name"),
  pronouns: optionalText(40, "pronouns"),
  dateOfBirth: optionalLocalDate.refine((v) => v === undefined || (v > "1900-01-01" && v < todayIn()), "Enter a date of birth in the past."),
  recordNumber: requiredText(40, "Enter the record number.", "the record number").regex(
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
    "Use letters, numbers and . _ / - only.",
  ),
  recoveryFocus: z.enum(recoveryFocus.enumValues, { error: "Choose the recovery focus." }),
  status: z.enum(openStatuses, { error: "Choose a status (discharge has its own button)." }),
  primaryCounselorId: uuid("Choose the primary counselor."),
  careTeam: stringList.pipe(z.array(uuid("Choose care-team members from the list.")).max(10, "A care team has at most 10 members.")),
  tags: tagList,
  startDate: localDate("Enter the start date."),
  timeZone,
  // Which shipped language is checked on the server (the files in messages/); here only the shape.
  language: z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Choose a language from the list.")
    .optional()
    .default("en"),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^([A-Z]{2})?$/, "Choose a country from the list."))
    .optional()
    .transform((v) => (v ? v : null)),
});

export const createClientSchema = clientFieldsSchema;
export type CreateClientInput = z.infer<typeof createClientSchema>;

export const updateClientSchema = clientFieldsSchema.extend({ clientId: uuid("Unknown client."), version });
export type UpdateClientInput = z.infer<typeof updateClientSchema>;

export const dischargeSchema = z
  .object({
    clientId: uuid("Unknown client."),
    version,
    dischargedOn: localDate("Enter the discharge date."),
    reason: requiredText(500, "Say why the client is discharged.", "the reason"),
  })
  .refine((v) => v.dischargedOn <= todayIn("Pacific/Kiritimati"), { path: ["dischargedOn"], message: "A discharge date cannot be in the future." });

export const readmitSchema = z.object({
  clientId: uuid("Unknown client."),
  version,
  status: z.enum(["intake", "active"], { error: "Choose intake or active." }),
  startDate: localDate("Enter the date of re-admission."),
});
