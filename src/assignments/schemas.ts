import { z } from "zod";
import { localDate, optionalLocalDate, optionalText, requiredText, stringList, uuid, version } from "@/lib/zod-fields";

export const cadenceLabels = { once: "Once", daily: "Every day", weekly: "Every week", weekdays: "On chosen weekdays" } as const;
export const weekdayLabels = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;

export const createAssignmentSchema = z
  .object({
    clientId: uuid("Unknown client."),
    // "client", or the id of a member of the client's support network.
    assignee: z.string().min(1, "Choose who does the exercise."),
    exerciseId: z.string().trim().min(1, "Choose an exercise.").max(80),
    cadence: z.enum(["once", "daily", "weekly", "weekdays"], { error: "Choose how often." }),
    weekdays: stringList.pipe(z.array(z.coerce.number<string>().int().min(0).max(6))),
    startDate: localDate("Choose the first day."),
    endDate: optionalLocalDate,
    instructions: optionalText(1000, "the instructions"),
    // Set when the counselor has been told the same exercise is already active for this person.
    confirmDuplicate: z.literal("yes").optional(),
  })
  .refine((v) => v.cadence !== "weekdays" || v.weekdays.length > 0, { path: ["weekdays"], message: "Choose at least one weekday." })
  .refine((v) => !v.endDate || v.endDate >= v.startDate, { path: ["endDate"], message: "The last day must be on or after the first day." });
export type CreateAssignmentInput = z.infer<typeof createAssignmentSchema>;

export const assignmentChangeSchema = z.object({
  clientId: uuid("Unknown client."),
  assignmentId: uuid("Unknown assignment."),
  version,
  change: z.enum(["pause", "resume", "end"]),
});

export const commentSchema = z.object({
  clientId: uuid("Unknown client."),
  entryId: uuid("Unknown entry."),
  text: requiredText(2000, "Write a comment.", "the comment"),
});
