import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { authCookies } from "./cookies";
import { signInSchema, verifyCredentials } from "./credentials";
import { ABSOLUTE_TIMEOUT_SECONDS, IDLE_TIMEOUT_SECONDS } from "./policy";
import { metaFromHeaders } from "./request-meta";
import { resolveAuthSecret } from "./secret";

export class ThrottledSignIn extends CredentialsSignin {
  code = "throttled";
}

/** The account uses two-factor sign-in: the form asks for a code next. */
export class SecondFactorRequired extends CredentialsSignin {
  code = "second_factor";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: resolveAuthSecret(),
  trustHost: true,
  ...authCookies(),
  // The token expires 15 minutes after the last request that refreshed it: idle sign-out is
  // enforced by the server, the browser's countdown only explains it.
  session: { strategy: "jwt", maxAge: IDLE_TIMEOUT_SECONDS, updateAge: 0 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" }, code: { type: "text" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(getDb(), parsed.data, metaFromHeaders(request.headers));
        if (!result.ok) {
          if (result.reason === "throttled") throw new ThrottledSignIn();
          if (result.reason === "second_factor") throw new SecondFactorRequired();
          return null;
        }
        const { user } = result;
        return {
          id: user.id,
          name: user.name,
          email: user.email,
          role: user.role,
          organisationId: user.organisationId,
          sessionVersion: user.sessionVersion,
        };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      const now = Math.floor(Date.now() / 1000);
      if (user?.id) {
        token.uid = user.id;
        token.org = user.organisationId;
        token.role = user.role;
        token.sv = user.sessionVersion ?? 0;
        token.authTime = now;
      }
      // However active, a session ends 12 hours after sign-in.
      if (!token.authTime || now - token.authTime > ABSOLUTE_TIMEOUT_SECONDS) return null;
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.org && token.role) {
        session.user = {
          ...session.user,
          id: token.uid,
          organisationId: token.org,
          role: token.role,
          name: session.user?.name ?? "",
          email: session.user?.email ?? "",
        };
        session.sessionVersion = token.sv ?? 0;
      }
      return session;
    },
  },
  logger: {
    // A failed sign-in is expected traffic (and audited); only real faults reach the log.
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
}));
