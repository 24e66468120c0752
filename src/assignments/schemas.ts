import { z } from "zod";
import { optionalText, requiredText, uuid, version } from "@/lib/zod-fields";
import { scheduledFormSchema } from "@/scheduling/schema";

export const createAssignmentSchema = scheduledFormSchema({
  clientId: uuid("Unknown client."),
  // "client", or the id of a member of the client's support network.
  assignee: z.string().min(1, "Choose who does the exercise."),
  exerciseId: z.string().trim().min(1, "Choose an exercise.").max(80),
  instructions: optionalText(1000, "the instructions"),
  // Set when the counselor has been told the same exercise is already active for this person.
  confirmDuplicate: z.literal("yes").optional(),
});
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
