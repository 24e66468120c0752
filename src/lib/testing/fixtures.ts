import { randomBytes } from "node:crypto";
import type { Actor } from "@/auth/actor";
import { hashPassword } from "@/auth/passwords";
import type { Db } from "@/db/client";
import { organisations, users, type UserRole } from "@/db/schema";

export const TEST_PASSWORD = "correct horse battery staple";
let cachedHash: Promise<string> | undefined;

export async function createOrganisation(db: Db, name = `Org ${randomBytes(3).toString("hex")}`): Promise<string> {
  const [org] = await db.insert(organisations).values({ name }).returning({ id: organisations.id });
  return org!.id;
}

export async function createUser(
  db: Db,
  organisationId: string,
  options: { role?: UserRole; name?: string; email?: string; supervisorId?: string | null; status?: "active" | "deactivated" } = {},
): Promise<Actor> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const role = options.role ?? "counselor";
  const email = options.email ?? `${role}-${randomBytes(4).toString("hex")}@test.example`;
  const name = options.name ?? `Test ${role}`;
  const [row] = await db
    .insert(users)
    .values({
      organisationId,
      email,
      name,
      role,
      status: options.status ?? "active",
      passwordHash: await cachedHash,
      supervisorId: options.supervisorId ?? null,
    })
    .returning({ id: users.id });
  return { userId: row!.id, organisationId, role, name, email };
}

export const testMeta = { ip: "203.0.113.7", userAgent: "vitest" };
