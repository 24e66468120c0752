import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { UserRole } from "@/db/schema";
import { hasRole, type Actor } from "./actor";
import { auth } from "./config";
import { resolveActor } from "./resolve-actor";

export type SessionState = { actor: Actor } | { actor: null; reason: "none" | "ended" };

/**
 * Reads the session token and checks it against the user's row on every request: a
 * deactivated user, or one whose session version moved on (role or password change, sign-out
 * everywhere), is signed out at their next request, not at the token's expiry.
 */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { actor: null, reason: "none" };
  const actor = await resolveActor(getDb(), { userId, sessionVersion: session.sessionVersion ?? -1 });
  return actor === "ended" ? { actor: null, reason: "ended" } : { actor };
});

export async function getActor(): Promise<Actor | null> {
  return (await getSessionState()).actor;
}

/** For pages and layouts: the actor, or a redirect to sign-in saying why. */
export async function requireActor(roles?: readonly UserRole[]): Promise<Actor> {
  const state = await getSessionState();
  if (!state.actor) redirect(state.reason === "ended" ? "/login?reason=ended" : "/login");
  // A page a role may not use answers as if it did not exist.
  if (!hasRole(state.actor, roles)) notFound();
  return state.actor;
}
