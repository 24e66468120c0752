import { z } from "zod";
import { idempotencyKey, jsonObjectText, uuid } from "@/lib/zod-fields";
import { staffText } from "@/i18n/staff";

const plv = staffText("portalLinkValidation");

export const createLinkSchema = z.object({
  clientId: uuid(plv("unknownClient")),
  // "client" or a support contact's id.
  holder: z.string().min(1),
  // Set when reissuing: this link is revoked in the same transaction.
  replaces: z.string().optional(),
});

export const revokeLinkSchema = z.object({ clientId: uuid(plv("unknownClient")), linkId: uuid(plv("unknownLink")) });

export const MAX_ANSWERS_BYTES = 60_000;

export const submitEntrySchema = z.object({
  assignmentId: uuid("Unknown exercise."),
  idempotencyKey,
  answers: jsonObjectText(MAX_ANSWERS_BYTES, "Your answers are too long to save in one go. Shorten the longest ones."),
});

