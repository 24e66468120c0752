import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import type { UserRole } from "@/db/schema";
import { hasRole, type Actor } from "./actor";
import { auth } from "./config";
import { resolveActor } from "./resolve-actor";

export type SessionState =
  | { actor: Actor }
  | { actor: null; reason: "none" | "ended" }
  /** Signed in, but held back until two-factor sign-in is set up (the organisation requires it). */
  | { actor: null; reason: "two_factor_setup"; pending: Actor };

export const TWO_FACTOR_SETUP_PATH = "/two-factor";

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
  if (actor === "ended") return { actor: null, reason: "ended" };
  if (actor.twoFactorSetupRequired) return { actor: null, reason: "two_factor_setup", pending: actor };
  return { actor };
});

export async function getActor(): Promise<Actor | null> {
  return (await getSessionState()).actor;
}

/** The signed-in person even while two-factor setup is outstanding: for the setup page and signing out only. */
export async function getActorIncludingSetup(): Promise<Actor | null> {
  const state = await getSessionState();
  return state.actor ?? (state.reason === "two_factor_setup" ? state.pending : null);
}

/** For the two-factor setup page: the signed-in person, whether or not setup is still outstanding. */
export async function requireActorIncludingSetup(): Promise<Actor> {
  const actor = await getActorIncludingSetup();
  if (actor) return actor;
  const state = await getSessionState();
  redirect(!state.actor && state.reason === "ended" ? "/login?reason=ended" : "/login");
}

/** For pages and layouts: the actor, or a redirect to sign-in saying why. */
export async function requireActor(roles?: readonly UserRole[]): Promise<Actor> {
  const state = await getSessionState();
  if (!state.actor) {
    if (state.reason === "two_factor_setup") redirect(TWO_FACTOR_SETUP_PATH);
    redirect(state.reason === "ended" ? "/login?reason=ended" : "/login");
  }
  // A page a role may not use answers as if it did not exist.
  if (!hasRole(state.actor, roles)) notFound();
  return state.actor;
}
