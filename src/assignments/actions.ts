"use server";

import { formAction } from "@/lib/action";
import { addComment, changeAssignment, changeAssignmentSpec, commentSpec, createAssignment, createAssignmentSpec } from "./mutations";

const tab = (clientId: string) => `/clients/${clientId}/exercises`;

export const createAssignmentAction = formAction(
  { ...createAssignmentSpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: "The exercise was assigned." }) },
  createAssignment,
);

export const changeAssignmentAction = formAction(
  {
    ...changeAssignmentSpec,
    revalidate: ({ input }) => [tab(input.clientId)],
    success: ({ input }) => ({ message: { pause: "Paused.", resume: "Resumed.", end: "Ended." }[input.change] }),
  },
  changeAssignment,
);

export const commentAction = formAction(
  { ...commentSpec, revalidate: ({ input }) => [`${tab(input.clientId)}/entries/${input.entryId}`], success: () => ({ message: "Your comment was added." }) },
  addComment,
);
