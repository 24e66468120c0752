/**
 * The people of the permission matrix: four of the demo organisation and one of the second
 * ("other", a counselor at Harbour Counselling).
 */
export const matrixRoles = ["admin", "supervisor", "counselor", "counselor2", "other"] as const;
export type MatrixRole = (typeof matrixRoles)[number];

/**
 * The records every cell aims at, seen from counselor@'s seat: "own" is counselor@'s client (no
 * care team), "colleague" is counselor2@'s (no care team; both have the supervisor), "foreign"
 * is the second organisation's client, held by other-org@. See world.ts.
 */
export const matrixTargets = ["own", "colleague", "foreign"] as const;
export type MatrixTarget = (typeof matrixTargets)[number];

/**
 * The permission matrix: for every entry of the inventory (src/security/inventory.json), what
 * each role gets on each record, and what a request without a session gets.
 *
 * Records are seen from counselor@'s seat (see world.ts): "own" is counselor@'s client,
 * "colleague" counselor2@'s, "foreign" the second organisation's (other-org@'s). Entries about
 * an organisation rather than a client (users, questionnaires, tokens) use "own" for the demo
 * organisation and "foreign" for the second one.
 *
 * Verdicts: "allow" works; "404" answers exactly like a missing record and writes nothing;
 * "redirect" sends the person on (a page that is only a signpost); without a session, pages
 * redirect to sign-in ("login"), route handlers answer 404, and actions answer "session-ended"
 * (the form keeps the text and asks to sign in again) and write nothing.
 */
export type Verdict = "allow" | "404" | "redirect";
export type AnonymousVerdict = "allow" | "login" | "404" | "session-ended";

/** For entries whose credential is not the session (the portal's link): no session, same answer. */
export const SESSION_IRRELEVANT = "same-as-signed-in";

export interface MatrixRule {
  /** null: the entry touches no particular record (a list, a form for something new). */
  targets: readonly MatrixTarget[] | null;
  verdict: (role: MatrixRole, target: MatrixTarget | null) => Verdict;
  anonymous: AnonymousVerdict | typeof SESSION_IRRELEVANT;
  /** The rule in words, for the test names and for readers. */
  rule: string;
}

export interface MatrixCell {
  role: MatrixRole | "anonymous";
  target: MatrixTarget | null;
  verdict: Verdict | AnonymousVerdict;
}

const yes = (ok: boolean): Verdict => (ok ? "allow" : "404");

/** Who may see each client: its counselor, their supervisor, nobody in another organisation. */
export function seesClient(role: MatrixRole, target: MatrixTarget | null): boolean {
  switch (role) {
    case "counselor":
      return target === "own";
    case "counselor2":
      return target === "colleague";
    case "supervisor":
      return target === "own" || target === "colleague";
    case "other":
      return target === "foreign";
    case "admin":
      return false;
  }
}

/** Whose record it is (the author of a note draft, the holder of a client). */
function owns(role: MatrixRole, target: MatrixTarget | null): boolean {
  return (role === "counselor" && target === "own") || (role === "counselor2" && target === "colleague") || (role === "other" && target === "foreign");
}

const clinicalRoles: readonly MatrixRole[] = ["counselor", "counselor2", "supervisor", "other"];
type Surface = "page" | "route" | "action";
const signedOut = (surface: Surface): AnonymousVerdict => (surface === "page" ? "login" : surface === "route" ? "404" : "session-ended");

export const rules = {
  /** A client's record, or anything that hangs off it. */
  client: (surface: Surface): MatrixRule => ({ targets: matrixTargets, verdict: (r, t) => yes(seesClient(r, t)), anonymous: signedOut(surface), rule: "the client's counselors and their supervisor" }),
  /** A note draft: its author only (a supervisor reads it once it is signed). */
  draft: (surface: Surface): MatrixRule => ({ targets: matrixTargets, verdict: (r, t) => yes(owns(r, t)), anonymous: signedOut(surface), rule: "the draft's author only" }),
  /** A co-signature: the author's supervisor only (other-org@ has no supervisor). */
  cosign: (surface: Surface): MatrixRule => ({
    targets: matrixTargets,
    verdict: (r, t) => yes(r === "supervisor" && (t === "own" || t === "colleague")),
    anonymous: signedOut(surface),
    rule: "the author's supervisor only",
  }),
  /** Something clinicians use that is not one client's (the caseload, a new client form). */
  clinical: (surface: Surface): MatrixRule => ({ targets: null, verdict: (r) => yes(clinicalRoles.includes(r)), anonymous: signedOut(surface), rule: "counselors and supervisors" }),
  supervisor: (surface: Surface): MatrixRule => ({ targets: null, verdict: (r) => yes(r === "supervisor"), anonymous: signedOut(surface), rule: "supervisors only" }),
  admin: (surface: Surface): MatrixRule => ({ targets: null, verdict: (r) => yes(r === "admin"), anonymous: signedOut(surface), rule: "administrators only" }),
  /** An organisation's user, questionnaire or exercise: its own administrators only. */
  adminRecord: (surface: Surface): MatrixRule => ({ targets: ["own", "foreign"], verdict: (r, t) => yes(r === "admin" && t === "own"), anonymous: signedOut(surface), rule: "the organisation's administrators" }),
  /** The organisation's own exercise: everyone in that organisation reads the library. */
  orgRecord: (surface: Surface): MatrixRule => ({
    targets: ["own", "foreign"],
    verdict: (r, t) => yes((r === "other") === (t === "foreign")),
    anonymous: signedOut(surface),
    rule: "everyone in the organisation",
  }),
  signedIn: (surface: Surface): MatrixRule => ({ targets: null, verdict: () => "allow", anonymous: signedOut(surface), rule: "anyone signed in" }),
  /**
   * The benchmark's floor pages: absent (404 for everyone) unless the benchmark started the
   * server with ATTUNE_BENCH_FLOOR=1, which the tests' server never does. Without a session the
   * proxy sends to sign-in first, as for every signed-in page.
   */
  benchOnly: (targets: readonly MatrixTarget[] | null): MatrixRule => ({ targets, verdict: () => "404", anonymous: "login", rule: "nobody (served only to the benchmark)" }),
  /** A signpost page that sends everyone on to their start page. */
  signpost: (roles: readonly MatrixRole[]): MatrixRule => ({ targets: null, verdict: (r) => (roles.includes(r) ? "redirect" : "404"), anonymous: "login", rule: "sends on to the start page" }),
  public: (signedInVerdict: Verdict = "allow"): MatrixRule => ({ targets: null, verdict: () => signedInVerdict, anonymous: "allow", rule: "anyone" }),
  /**
   * A one-time link (invitation, reset) is the credential: whoever holds it may use it, in
   * either organisation, signed in or not.
   */
  token: (): MatrixRule => ({ targets: ["own", "foreign"], verdict: () => "allow", anonymous: "allow", rule: "whoever holds the link" }),
  /**
   * The client portal: the private link is the only credential, so the session does not matter.
   * The link used is always the "own" client's: it opens that client's records and nobody else's.
   */
  portal: (): MatrixRule => ({ targets: matrixTargets, verdict: (_r, t) => yes(t === "own"), anonymous: SESSION_IRRELEVANT, rule: "the link's own client only" }),
} as const;

/** Every entry of the inventory, by its id. A new page, route or action must be added here. */
export const permissionMatrix: Record<string, MatrixRule> = {
  // Sign-in, invitations, resets.
  "page /login": rules.public("redirect"),
  "page /invite/[token]": rules.token(),
  "page /reset/[token]": rules.token(),
  "action src/auth/actions.ts#signInAction": rules.public(),
  "action src/auth/actions.ts#signOutAction": { ...rules.signedIn("action"), anonymous: "allow", rule: "anyone (signed out, it only clears cookies)" },
  "action src/users/link-actions.ts#acceptInvitationAction": rules.token(),
  "action src/users/link-actions.ts#resetPasswordAction": rules.token(),
  "route GET /api/auth/[...nextauth]": rules.public(),
  "route POST /api/auth/[...nextauth]": rules.public(),
  "route GET /api/health": rules.public(),
  // One-click unsubscribe (RFC 8058): the token in the address is the credential, and every
  // token, known or not, gets the same answer.
  "page /unsubscribe/[token]": rules.public(),
  "route POST /api/unsubscribe/[token]": rules.public(),

  // Everyone signed in.
  "page /": rules.signpost(matrixRoles),
  "page /profile": rules.signedIn("page"),
  "page /bench-floor": rules.benchOnly(null),
  "page /library": rules.signedIn("page"),
  "page /methods": rules.signedIn("page"),
  "page /library/[exerciseId]": rules.orgRecord("page"),
  "action src/users/actions.ts#updateProfileAction": rules.signedIn("action"),
  "action src/users/actions.ts#changePasswordAction": rules.signedIn("action"),
  "page /two-factor": rules.signedIn("page"),
  "action src/users/two-factor-actions.ts#beginTwoFactorAction": rules.signedIn("action"),
  "action src/users/two-factor-actions.ts#confirmTwoFactorAction": rules.signedIn("action"),
  "action src/users/two-factor-actions.ts#disableTwoFactorAction": rules.signedIn("action"),

  // Administration.
  "page /admin": rules.signpost(["admin"]),
  "page /admin/audit": rules.admin("page"),
  "page /admin/messages": rules.admin("page"),
  "page /admin/crisis-lines": rules.admin("page"),
  "route GET /api/admin/audit": rules.admin("route"),
  "route GET /api/admin/audit/people": rules.admin("route"),
  "page /admin/users": rules.admin("page"),
  "page /admin/users/invite": rules.admin("page"),
  "page /admin/users/[userId]": rules.adminRecord("page"),
  "page /admin/instruments": rules.admin("page"),
  "page /admin/expected-recovery": rules.admin("page"),
  "action src/outcomes/expected-recovery/actions.ts#refitExpectedRecoveryAction": rules.admin("action"),
  "page /admin/instruments/[instrumentId]": rules.adminRecord("page"),
  "page /library/new": rules.admin("page"),
  "action src/users/admin-actions.ts#inviteUserAction": rules.admin("action"),
  "action src/users/admin-actions.ts#reissueInviteAction": rules.adminRecord("action"),
  "action src/users/admin-actions.ts#issueResetAction": rules.adminRecord("action"),
  "action src/users/admin-actions.ts#changeAccessAction": rules.adminRecord("action"),
  "action src/users/admin-actions.ts#deactivateUserAction": rules.adminRecord("action"),
  "action src/users/admin-actions.ts#reactivateUserAction": rules.adminRecord("action"),
  "action src/checkins/actions.ts#uploadInstrumentAction": rules.admin("action"),
  "action src/checkins/actions.ts#setScoringAction": rules.adminRecord("action"),
  "action src/checkins/actions.ts#publishInstrumentAction": rules.adminRecord("action"),
  "action src/checkins/actions.ts#retireInstrumentAction": rules.adminRecord("action"),
  "action src/exercises/actions.ts#addCustomExerciseAction": rules.admin("action"),
  "action src/users/two-factor-actions.ts#setOrgTwoFactorAction": rules.admin("action"),
  "action src/reports/paper-size-actions.ts#setPaperSizeAction": rules.admin("action"),
  "action src/messaging/org-settings-actions.ts#saveMessageSettingsAction": rules.admin("action"),
  "action src/portal/crisis-actions.ts#setCrisisLinesAction": rules.admin("action"),
  "action src/users/two-factor-actions.ts#resetTwoFactorAction": rules.adminRecord("action"),

  // Clinicians, not about one client.
  "page /caseload": rules.clinical("page"),
  "page /clients": rules.clinical("page"),
  "page /clients/new": rules.clinical("page"),
  "page /clients/import": rules.clinical("page"),
  "action src/clients/actions.ts#createClientAction": rules.clinical("action"),
  "action src/clients/actions.ts#previewImportAction": rules.clinical("action"),
  "action src/clients/actions.ts#commitImportAction": rules.clinical("action"),
  "page /team": rules.supervisor("page"),
  "page /team/outcomes": rules.supervisor("page"),
  "page /notes/cosign": rules.supervisor("page"),
  "route GET /api/team/caseload": rules.supervisor("route"),

  // One client's record.
  "page /clients/[clientId]": rules.client("page"),
  "page /clients/[clientId]/edit": rules.client("page"),
  "page /clients/[clientId]/support": rules.client("page"),
  "page /clients/[clientId]/bench-floor": rules.benchOnly(matrixTargets),
  "page /clients/[clientId]/trends": rules.client("page"),
  "page /clients/[clientId]/trends/items": rules.client("page"),
  "page /clients/[clientId]/reports": rules.client("page"),
  "page /clients/[clientId]/reports/summary": rules.client("page"),
  "route GET /api/clients/[clientId]/export/[format]": rules.client("route"),
  "action src/reports/summary-actions.ts#shareSummaryAction": rules.client("action"),
  "action src/reports/summary-actions.ts#withdrawSummaryAction": rules.client("action"),
  "page /clients/[clientId]/checkins": rules.client("page"),
  "page /clients/[clientId]/checkins/new": rules.client("page"),
  "page /clients/[clientId]/checkins/[administrationId]": rules.client("page"),
  "page /clients/[clientId]/exercises": rules.client("page"),
  "page /clients/[clientId]/exercises/entries/[entryId]": rules.client("page"),
  "page /clients/[clientId]/notes": rules.client("page"),
  "page /clients/[clientId]/notes/new": rules.client("page"),
  "page /clients/[clientId]/notes/[noteId]": rules.client("page"),
  "page /clients/[clientId]/notes/[noteId]/edit": rules.draft("page"),
  "page /notes/[noteId]": rules.client("page"),
  "action src/clients/actions.ts#updateClientAction": rules.client("action"),
  "action src/clients/actions.ts#dischargeClientAction": rules.client("action"),
  "action src/clients/actions.ts#readmitClientAction": rules.client("action"),
  "action src/support-network/actions.ts#addContactAction": rules.client("action"),
  "action src/support-network/actions.ts#archiveContactAction": rules.client("action"),
  "action src/support-network/actions.ts#recordConsentAction": rules.client("action"),
  "action src/support-network/actions.ts#revokeConsentAction": rules.client("action"),
  "action src/portal/link-actions.ts#createLinkAction": rules.client("action"),
  "action src/portal/link-actions.ts#revokeLinkAction": rules.client("action"),
  "action src/messaging/client-actions.ts#saveMessagingSettingsAction": rules.client("action"),
  "action src/messaging/client-actions.ts#sendLinkNowAction": rules.client("action"),
  "action src/messaging/preference-actions.ts#saveAlertPreferencesAction": rules.signedIn("action"),
  "action src/assignments/actions.ts#createAssignmentAction": rules.client("action"),
  "action src/assignments/actions.ts#changeAssignmentAction": rules.client("action"),
  "action src/assignments/actions.ts#commentAction": rules.client("action"),
  "action src/checkins/actions.ts#administerAction": rules.client("action"),
  "action src/checkins/actions.ts#createScheduleAction": rules.client("action"),
  "action src/checkins/actions.ts#endScheduleAction": rules.client("action"),
  "action src/checkins/actions.ts#acknowledgeAlertAction": rules.client("action"),
  "action src/notes/actions.ts#createNoteAction": rules.client("action"),
  "action src/notes/actions.ts#saveNoteAction": rules.draft("action"),
  "action src/notes/actions.ts#signNoteAction": rules.draft("action"),
  "action src/notes/actions.ts#latestNoteAction": rules.draft("action"),
  "action src/notes/actions.ts#addAddendumAction": rules.client("action"),
  "action src/notes/actions.ts#cosignNoteAction": rules.cosign("action"),

  // The client portal.
  "page /p/[token]": { ...rules.portal(), targets: null, verdict: () => "allow" },
  "page /p/[token]/c": { ...rules.portal(), targets: null, verdict: () => "allow" },
  "page /p/[token]/summary": { ...rules.portal(), targets: null, verdict: () => "allow" },
  "page /p/[token]/a/[assignmentId]": rules.portal(),
  "page /p/[token]/c/[scheduleId]": rules.portal(),
  "action src/portal/actions.ts#submitPortalEntryAction": rules.portal(),
  "action src/checkins/actions.ts#submitPortalCheckinAction": rules.portal(),
};

/** Every cell of one entry: each role on each of its records, then no session. */
export function cellsOf(rule: MatrixRule): MatrixCell[] {
  const targets = rule.targets ?? [null];
  const cells: MatrixCell[] = [];
  for (const role of matrixRoles) for (const target of targets) cells.push({ role, target, verdict: rule.verdict(role, target) });
  for (const target of targets) {
    cells.push({ role: "anonymous", target, verdict: rule.anonymous === SESSION_IRRELEVANT ? rule.verdict("counselor", target) : rule.anonymous });
  }
  return cells;
}
