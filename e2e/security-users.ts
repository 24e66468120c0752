/**
 * An organisation of its own for the sign-in security tests (two-factor, the organisation's
 * requirement, sign-out), seeded by scripts/e2e-server.ts beside the demo, so that enrolling
 * someone or requiring two-factor never changes what the other browser tests see.
 */
export const SECURITY_ORGANISATION = "Lakeside Counselling (security tests)";
export const securityUsers = {
  admin: { email: "sec-admin@attune.test", name: "Morgan Vale", role: "admin" },
  totp: { email: "sec-totp@attune.test", name: "Tess Otero", role: "counselor" },
  required: { email: "sec-required@attune.test", name: "Reed Quinn", role: "counselor" },
  signOut: { email: "sec-signout@attune.test", name: "Sid Owens", role: "counselor" },
} as const;
