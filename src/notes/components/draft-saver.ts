import type { FormState } from "@/lib/form-state";
import { NOTE_CONFLICT_MESSAGE } from "../schemas";

export type SaveStatus =
  | { kind: "idle" }
  | { kind: "saving" }
  | { kind: "saved"; at: string }
  | { kind: "error"; message: string; conflict: boolean; fieldErrors: Record<string, string[]> };

interface Options {
  version: number;
  /** Quiet time after the last change before saving. */
  delay: number;
  send: (formData: FormData) => Promise<FormState>;
  report: (status: SaveStatus) => void;
}

/**
 * Saves a draft as it is typed: one save at a time, each after a pause in typing, each carrying
 * the version it was based on. After a conflict it stops saving by itself until the person has
 * chosen which text to keep, so it never overwrites the other version behind their back.
 */
export class DraftSaver {
  version: number;
  private snapshot: FormData | null = null;
  private edits = 0;
  private savedEdits = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<boolean> | null = null;
  private blocked = false;

  constructor(private readonly options: Options) {
    this.version = options.version;
  }

  /** True while something typed is not yet on the server. */
  get dirty(): boolean {
    return this.edits !== this.savedEdits || this.running !== null;
  }

  get conflicted(): boolean {
    return this.blocked;
  }

  /** Call on every change, with the form's current values. */
  changed(values: FormData): void {
    this.snapshot = values;
    this.edits++;
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.blocked) this.timer = setTimeout(() => void this.flush(), this.options.delay);
  }

  /** Saves now (waiting for a save in flight first); true when the server has the latest text. */
  async flush(force = false): Promise<boolean> {
    clearTimeout(this.timer);
    while (this.running) await this.running;
    if (!this.snapshot || (!force && this.edits === this.savedEdits)) return !this.blocked;
    this.running = this.send(this.snapshot, this.edits);
    try {
      return await this.running;
    } finally {
      this.running = null;
    }
  }

  private async send(values: FormData, edits: number): Promise<boolean> {
    const body = new FormData();
    for (const [k, v] of values.entries()) body.append(k, v);
    body.set("version", String(this.version));
    this.options.report({ kind: "saving" });
    let result: FormState;
    try {
      result = await this.options.send(body);
    } catch {
      this.options.report({ kind: "error", message: "the connection failed. Your text is still here; it is saved again when you type, or with Save now.", conflict: false, fieldErrors: {} });
      return false;
    }
    if (result.status === "success") {
      const data = result.data as { version: number; savedAt: string } | undefined;
      if (data) this.version = data.version;
      this.savedEdits = edits;
      this.options.report({ kind: "saved", at: data?.savedAt ?? new Date().toISOString() });
      if (this.edits !== edits) this.schedule();
      return true;
    }
    this.blocked = result.message === NOTE_CONFLICT_MESSAGE;
    this.options.report({ kind: "error", message: result.message ?? "it could not be saved.", conflict: this.blocked, fieldErrors: result.fieldErrors ?? {} });
    return false;
  }

  /**
   * After a conflict: go on from the given version. `clean` when the form now shows that version
   * itself (the person took the latest), so nothing of theirs is left to save.
   */
  adopt(version: number, clean = false): void {
    this.version = version;
    this.blocked = false;
    if (clean) {
      this.snapshot = null;
      this.savedEdits = this.edits;
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}
