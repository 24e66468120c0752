import { eq } from "drizzle-orm";
import type { Actor } from "@/auth/actor";
import type { RequestMeta } from "@/auth/credentials";
import type { Db } from "@/db/client";
import { organisations } from "@/db/schema";
import type { IssuedToken, TokenPurpose } from "@/users/tokens";
import { appBaseUrl } from "./config";
import { enqueueMessage } from "./enqueue";
import { renderMessage } from "./templates";

/**
 * Emails a staff member their invitation or password reset link, on the transaction that issued
 * it (the copy-link flow stays: the administrator still sees the link once). The job key names
 * the token, so one link makes one message however often this runs.
 */
export async function emailStaffLink(
  db: Db,
  args: { actor: Actor; meta?: RequestMeta; purpose: TokenPurpose; link: IssuedToken; userId: string; email: string },
): Promise<{ messageId: string }> {
  const url = `${appBaseUrl()}${args.link.path}`;
  const expiresAt = new Date(args.link.expiresAt);
  const content =
    args.purpose === "invite"
      ? renderMessage("staff_invitation", {
          link: url,
          expiresAt,
          organisationName: (await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, args.actor.organisationId)).limit(1))[0]?.name ?? "your organisation",
        })
      : renderMessage("password_reset", { link: url, expiresAt });
  const { id } = await enqueueMessage(db, {
    organisationId: args.actor.organisationId,
    jobKey: `${args.purpose}:${args.link.id}`,
    kind: args.purpose === "invite" ? "staff_invitation" : "password_reset",
    to: args.email,
    userId: args.userId,
    content,
    actor: { kind: "user", userId: args.actor.userId, ip: args.meta?.ip ?? null, userAgent: args.meta?.userAgent ?? null },
  });
  return { messageId: id };
}
