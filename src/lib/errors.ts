import { staffText } from "@/i18n/staff";

const ae = staffText("actionErrors");

/** A record that is missing or that the actor may not touch: both answer the same way. */
export class NotFoundError extends Error {
  constructor() {
    super("Not found");
    this.name = "NotFoundError";
  }
}

/**
 * A refusal the person can act on (a duplicate record number, a stale version). Thrown inside a
 * handler it rolls the transaction back and reaches the form as its message and field errors.
 */
export class ActionRefused extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    readonly code: "refused" | "conflict" = "refused",
  ) {
    super(message);
    this.name = "ActionRefused";
  }
}

export class ConflictError extends ActionRefused {
  constructor(message = ae("conflict")) {
    super(message, {}, "conflict");
    this.name = "ConflictError";
  }
}
