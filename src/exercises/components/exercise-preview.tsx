"use client";

import { useState } from "react";
import type { ExerciseDefinition } from "../schemas";
import { ExerciseFields, type DraftAnswers } from "./exercise-fields";

/** The exact form the client sees, to try out without saving anything. */
export function ExercisePreview({ definition }: { definition: ExerciseDefinition }) {
  const [answers, setAnswers] = useState<DraftAnswers>({});
  return <ExerciseFields definition={definition} answers={answers} onChange={(id, v) => setAnswers((a) => ({ ...a, [id]: v }))} />;
}
