"use server";

import { formAction } from "@/lib/action";
import { addCustomExercise, addCustomExerciseSpec } from "./library";

export const addCustomExerciseAction = formAction(
  {
    ...addCustomExerciseSpec,
    revalidate: ({ result }) => (result.saved ? ["/library"] : []),
    success: ({ result }) =>
      result.saved
        ? { redirectTo: `/library/${result.definition.id}?added=1` }
        : { message: "The file is valid. Check the preview below, then add it.", data: result.definition },
  },
  addCustomExercise,
);
