"use server";

import { formAction } from "@/lib/action";
import { addComment, changeAssignment, changeAssignmentSpec, commentSpec, createAssignment, createAssignmentSpec } from "./mutations";
import { staffText } from "@/i18n/staff";

const av = staffText("assignmentValidation");

const tab = (clientId: string) => `/clients/${clientId}/exercises`;

export const createAssignmentAction = formAction(
  { ...createAssignmentSpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: av("assigned") }) },
  createAssignment,
);

export const changeAssignmentAction = formAction(
  {
    ...changeAssignmentSpec,
    revalidate: ({ input }) => [tab(input.clientId)],
    success: ({ input }) => ({ message: { pause: av("paused"), resume: av("resumed"), end: av("ended") }[input.change] }),
  },
  changeAssignment,
);

export const commentAction = formAction(
  { ...commentSpec, revalidate: ({ input }) => [`${tab(input.clientId)}/entries/${input.entryId}`], success: () => ({ message: av("commentAdded") }) },
  addComment,
);
