"use server";

import { formAction } from "@/lib/action";
import { addCustomExercise, addCustomExerciseSpec } from "./library";
import { staffText } from "@/i18n/staff";

const exv = staffText("exerciseValidation");

export const addCustomExerciseAction = formAction(
  {
    ...addCustomExerciseSpec,
    revalidate: ({ result }) => (result.saved ? ["/library"] : []),
    success: ({ result }) =>
      result.saved
        ? { redirectTo: `/library/${result.definition.id}?added=1` }
        : { message: exv("fileValid"), data: result.definition },
  },
  addCustomExercise,
);
