import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { hashPassword } from "../src/auth/passwords";
import { passwordProblem } from "../src/auth/password-policy";
import { recordAudit } from "../src/audit/record";
import { openDatabase } from "../src/db/client";
import { migrateDatabase } from "../src/db/migrate";
import { organisations, userRole, users } from "../src/db/schema";
import { describeDatabase } from "./lib";

// npm run user:create -- --email you@clinic.org --name "Your Name" --role admin [--organisation "Clinic"]
const { values } = parseArgs({
  options: {
    email: { type: "string" },
    name: { type: "string" },
    role: { type: "string", default: "admin" },
    organisation: { type: "string" },
    "generate-password": { type: "boolean", default: false },
  },
});

const args = z
  .object({
    email: z.string().trim().toLowerCase().pipe(z.email("--email must be an email address")),
    name: z.string().trim().min(1, "--name is required"),
    role: z.enum(userRole.enumValues),
    organisation: z.string().trim().min(1).optional(),
  })
  .safeParse(values);
if (!args.success) {
  console.error(z.prettifyError(args.error));
  console.error('Usage: npm run user:create -- --email you@clinic.org --name "Your Name" --role admin [--organisation "Clinic name"]');
  process.exit(2);
}

const generatePassword = () => ({ password: randomBytes(18).toString("base64url"), generated: true });

async function askPassword(): Promise<{ password: string; generated: boolean }> {
  if (values["generate-password"] || !process.stdin.isTTY) return generatePassword();
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  for (;;) {
    const answer = await rl.question("Password (leave empty to generate one): ");
    if (!answer) {
      rl.close();
      return generatePassword();
    }
    const problem = passwordProblem(answer, { email: args.data!.email });
    if (!problem) {
      rl.close();
      return { password: answer, generated: false };
    }
    console.log(problem);
  }
}

const handle = openDatabase({ url: process.env.DATABASE_URL || undefined });
try {
  await migrateDatabase(handle);
  const db = handle.db;
  const existing = await db.select({ id: users.id }).from(users).where(eq(users.email, args.data.email));
  if (existing.length) {
    console.error(`A user with the email ${args.data.email} already exists.`);
    process.exit(1);
  }
  const orgs = await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.isDemo, false));
  let organisationId: string;
  if (args.data.organisation) {
    const found = orgs.find((o) => o.name === args.data.organisation);
    organisationId =
      found?.id ?? (await db.insert(organisations).values({ name: args.data.organisation }).returning({ id: organisations.id }))[0]!.id;
  } else if (orgs.length === 1) {
    organisationId = orgs[0]!.id;
  } else if (orgs.length === 0) {
    organisationId = (await db.insert(organisations).values({ name: "My organisation" }).returning({ id: organisations.id }))[0]!.id;
  } else {
    console.error(`There are several organisations; name one with --organisation: ${orgs.map((o) => o.name).join(", ")}`);
    process.exit(2);
  }
  const { password, generated } = await askPassword();
  await db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ organisationId, email: args.data.email, name: args.data.name, role: args.data.role, passwordHash: await hashPassword(password) })
      .returning({ id: users.id });
    await recordAudit(tx, { organisationId, actorKind: "system", action: "user.create_cli", entityType: "user", entityId: user!.id, detail: { role: args.data.role } });
  });
  console.log(`Created ${args.data.role} ${args.data.email} in ${describeDatabase()}.`);
  if (generated) console.log(`Password (shown once, change it after signing in): ${password}`);
} finally {
  await handle.close();
}
