import { describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "./client";
import { chooseReadDatabase, isLsn } from "./read-replica";

describe("lag-tolerant reads without a live replica", () => {
  const primary = { primary: true } as unknown as Db;

  it("reads the primary when no replica is configured", async () => {
    expect(await chooseReadDatabase(primary, null, "0/16B3748")).toEqual({ db: primary, source: "primary" });
    expect(await chooseReadDatabase(primary, null, undefined)).toEqual({ db: primary, source: "primary" });
  });

  it("falls back to the primary when the replica cannot answer", async () => {
    const failing = async () => {
      throw new Error("connection refused");
    };
    const replica = { db: {} as Db, driver: "postgres", raw: { driver: "postgres", sql: failing }, close: async () => {} } as unknown as DatabaseHandle;
    expect((await chooseReadDatabase(primary, replica, "0/1")).source).toBe("primary");
    expect((await chooseReadDatabase(primary, replica, undefined)).source).toBe("primary");
  });

  it("accepts only WAL positions from the cookie", () => {
    expect(isLsn("0/16B3748")).toBe(true);
    expect(isLsn("A1/FFFFFFFF")).toBe(true);
    expect(isLsn("0/")).toBe(false);
    expect(isLsn("0/1; drop table users")).toBe(false);
    expect(isLsn(undefined)).toBe(false);
  });
});
