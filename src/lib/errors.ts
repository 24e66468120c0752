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
  constructor(message = "Someone else saved this record while you were editing. Your text is kept below: review the latest version, then save again.") {
    super(message, {}, "conflict");
    this.name = "ConflictError";
  }
}
