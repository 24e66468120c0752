/** The one shape every form action returns, shown by the form next to each field. */
export interface FormState {
  status: "idle" | "success" | "error";
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What the person typed, echoed back so nothing is lost when the form re-renders. */
  values?: Record<string, string | string[]>;
  /** Set when the action created or touched a record the page may want to open. */
  id?: string;
  /** A result the form shows (e.g. an import preview); serialisable. */
  data?: unknown;
  /** Changes on every submission so forms can tell a new result from an old one. */
  at?: number;
}

export const idleState: FormState = { status: "idle" };
