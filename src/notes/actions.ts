"use server";

import { formAction } from "@/lib/action";
import {
  addAddendum,
  addAddendumSpec,
  cosignNote,
  cosignNoteSpec,
  createNote,
  createNoteSpec,
  latestNote,
  latestNoteSpec,
  saveNote,
  saveNoteSpec,
  signNote,
  signNoteSpec,
} from "./mutations";
import { staffText } from "@/i18n/staff";

const nv = staffText("noteValidation");

const notesOf = (clientId: string) => `/clients/${clientId}/notes`;
const noteAt = (clientId: string, noteId: string) => `${notesOf(clientId)}/${noteId}`;

export const createNoteAction = formAction(
  { ...createNoteSpec, revalidate: ({ input }) => [notesOf(input.clientId)], success: ({ input, result }) => ({ redirectTo: `${noteAt(input.clientId, result.id)}/edit` }) },
  createNote,
);

// Autosave: no revalidation, so saving as one types never re-renders (or re-audits) the page.
export const saveNoteAction = formAction({ ...saveNoteSpec, success: ({ result }) => ({ message: nv("saved"), data: result }) }, saveNote);

export const signNoteAction = formAction(
  {
    ...signNoteSpec,
    revalidate: ({ input }) => [notesOf(input.clientId), "/notes/cosign"],
    success: ({ input }) => ({ redirectTo: `${noteAt(input.clientId, input.noteId)}?signed=1` }),
  },
  signNote,
);

export const addAddendumAction = formAction(
  {
    ...addAddendumSpec,
    revalidate: ({ input }) => [noteAt(input.clientId, input.noteId), `/notes/${input.noteId}`],
    success: () => ({ message: nv("addendumSigned") }),
  },
  addAddendum,
);

export const cosignNoteAction = formAction(
  {
    ...cosignNoteSpec,
    revalidate: ({ input }) => ["/notes/cosign", noteAt(input.clientId, input.noteId), `/notes/${input.noteId}`],
    success: () => ({ message: nv("youCosigned") }),
  },
  cosignNote,
);

export const latestNoteAction = formAction({ ...latestNoteSpec, success: ({ result }) => ({ message: nv("latestShown"), data: result }) }, latestNote);
