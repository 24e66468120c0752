/**
 * Texts the permission matrix's cells submit, shared by the integration matrix
 * (action-inputs.ts) and the HTTP matrix (e2e/action-calls.ts). No imports: the browser tests
 * load it outside the app.
 */

/** A note's content fields besides its ids and version. */
export const matrixNoteText = {
  startTime: "10:00",
  durationMinutes: "50",
  attendance: "attended",
  data: "Matrix data.",
  assessment: "Matrix assessment.",
  plan: "Matrix plan.",
} as const;

/** A minimal valid exercise file with this id. */
export const matrixExerciseFile = (id: string) => `---
id: ${id}
title: Matrix extra
kind: journal
audience: client
minutes: 3
purpose: A test exercise.
version: 1
fields:
  - id: moment
    type: long_text
    label: One moment
    required: true
---
Write one moment.
`;
