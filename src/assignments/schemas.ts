import { z } from "zod";
import { optionalText, requiredText, uuid, version } from "@/lib/zod-fields";
import { scheduledFormSchema } from "@/scheduling/schema";
import { staffText } from "@/i18n/staff";

const av = staffText("assignmentValidation");

export const createAssignmentSchema = scheduledFormSchema({
  clientId: uuid(av("unknownClient")),
  // "client", or the id of a member of the client's support network.
  assignee: z.string().min(1, av("chooseWho")),
  exerciseId: z.string().trim().min(1, av("chooseExerciseShort")).max(80),
  instructions: optionalText(1000, av("theInstructions")),
  // Set when the counselor has been told the same exercise is already active for this person.
  confirmDuplicate: z.literal("yes").optional(),
});
export type CreateAssignmentInput = z.infer<typeof createAssignmentSchema>;

export const assignmentChangeSchema = z.object({
  clientId: uuid(av("unknownClient")),
  assignmentId: uuid(av("unknownAssignment")),
  version,
  change: z.enum(["pause", "resume", "end"]),
});

export const commentSchema = z.object({
  clientId: uuid(av("unknownClient")),
  entryId: uuid(av("unknownEntry")),
  text: requiredText(2000, av("writeComment"), av("theComment")),
});
