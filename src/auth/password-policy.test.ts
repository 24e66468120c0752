import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commonPasswords, MIN_PASSWORD_LENGTH, passwordProblem } from "./password-policy";

const listFile = path.join(process.cwd(), "content", "security", "common-passwords.txt");
const entries = readFileSync(listFile, "utf8")
  .split("\n")
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith("#"));

describe("the password policy", () => {
  it("wants at least 12 characters", () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(passwordProblem("short pass")).toMatch(/at least 12/);
    expect(passwordProblem("a calm river at dawn")).toBeNull();
  });

  it("refuses every entry of the shipped list that is long enough to be tried, in any case", () => {
    const long = entries.filter((e) => e.length >= MIN_PASSWORD_LENGTH);
    expect(long.length).toBeGreaterThan(0);
    for (const entry of long) expect(passwordProblem(entry.toUpperCase()), entry).toMatch(/common password/);
  });

  it("refuses a common password padded to length with digits or symbols", () => {
    expect(passwordProblem("password1234!")).toMatch(/common password with a few characters added/);
    expect(passwordProblem("2024!!dragon99")).toMatch(/common password/);
  });

  it("refuses one repeated character and the email's own name", () => {
    expect(passwordProblem("zzzzzzzzzzzzzz")).toMatch(/single character/);
    expect(passwordProblem("jordan.ellis-rocks", { email: "jordan.ellis@clinic.example" })).toMatch(/email address/);
  });

  it("ships a list that is lower case and without repeats", () => {
    expect(entries.every((e) => e === e.toLowerCase())).toBe(true);
    expect(new Set(entries).size).toBe(entries.length);
    expect(entries.length).toBeGreaterThanOrEqual(300);
  });

  it("also refuses the breach-corpus list of @zxcvbn-ts/language-common (tens of thousands of entries)", () => {
    expect(commonPasswords().size).toBeGreaterThan(45_000);
    // Long entries from that list only (not in ours): refused as they are.
    for (const breached of ["1qaz2wsx3edc4rfv", "qazwsxedcrfv", "leavemealone"]) {
      expect(entries).not.toContain(breached);
      expect(commonPasswords().has(breached), breached).toBe(true);
      expect(passwordProblem(breached), breached).toMatch(/common password/);
    }
  });
});
