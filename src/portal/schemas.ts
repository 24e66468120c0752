import { z } from "zod";
import { uuid } from "@/lib/zod-fields";

export const createLinkSchema = z.object({
  clientId: uuid("Unknown client."),
  // "client" or a support contact's id.
  holder: z.string().min(1),
  // Set when reissuing: this link is revoked in the same transaction.
  replaces: z.string().optional(),
});

export const revokeLinkSchema = z.object({ clientId: uuid("Unknown client."), linkId: uuid("Unknown link.") });

export const MAX_ANSWERS_BYTES = 60_000;

export const submitEntrySchema = z.object({
  assignmentId: uuid("Unknown exercise."),
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "Reload the page and try again."),
  answers: z
    .string()
    .max(MAX_ANSWERS_BYTES, "Your answers are too long to save in one go. Shorten the longest ones.")
    .transform((text, ctx) => {
      try {
        const value: unknown = JSON.parse(text);
        if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
      } catch {
        // fall through
      }
      ctx.addIssue({ code: "custom", message: "The answers could not be read. Reload the page and try again." });
      return z.NEVER;
    }),
});
