import { describe, expect, it } from "vitest";
import { userFaultOf } from "./errors";

describe("database errors caused by the input", () => {
  it("become a message with the field, through drizzle's wrapping", () => {
    const wrapped = { message: "Failed query", cause: { code: "22003", column: "session_version", message: "out of range" } };
    expect(userFaultOf(wrapped)).toEqual({ message: "A number is too large or too small. Nothing was saved.", field: "sessionVersion" });
    expect(userFaultOf({ code: "23505", column_name: "record_number" })?.field).toBe("recordNumber");
  });

  it("leave the server's own errors alone", () => {
    expect(userFaultOf(new Error("connection reset"))).toBeNull();
    expect(userFaultOf({ code: "40001" })).toBeNull();
    expect(userFaultOf({ code: "53300" })).toBeNull();
  });
});
