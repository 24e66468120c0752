import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { staffText } from "@/i18n/staff";

const ae = staffText("authErrors");

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;

/**
 * The passwords refused outright: our own list (content/security/common-passwords.txt, words a
 * clinic's staff are likely to reach for) and zxcvbn-ts's list of about 49,000 passwords most
 * often found in public breach corpora (@zxcvbn-ts/language-common, MIT), both read from disk
 * once. Nothing leaves the machine.
 */
export const PASSWORD_LISTS = [
  path.join(process.cwd(), "content", "security", "common-passwords.txt"),
  path.join(process.cwd(), "node_modules", "@zxcvbn-ts", "language-common", "src", "passwords.json"),
];

function readList(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const lines: unknown[] = file.endsWith(".json") ? JSON.parse(text) : text.split("\n").filter((line) => !line.trim().startsWith("#"));
  return lines.filter((l): l is string => typeof l === "string").map((l) => l.trim().toLowerCase()).filter(Boolean);
}

export function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(PASSWORD_LISTS.flatMap(readList));
  return common;
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email?: string; name?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return ae("atLeastCharacters", { min: String(MIN_PASSWORD_LENGTH) });
  if (password.length > MAX_PASSWORD_LENGTH) return ae("atMostCharacters", { max: String(MAX_PASSWORD_LENGTH) });
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return ae("commonPassword");
  // A common password padded to length ("password1234!") is still a common password.
  const core = lower.replace(/[^a-z]+$/g, "").replace(/^[^a-z]+/g, "");
  if (core.length >= 4 && commonPasswords().has(core)) {
    return ae("paddedCommonPassword");
  }
  if (/^(.)\1+$/.test(password)) return ae("repeatedCharacter");
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return ae("emailInPassword");
  return null;
}

export const newPasswordSchema = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});
