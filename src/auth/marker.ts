/**
 * A cookie that only says "this browser had a session". When the session token has expired but
 * the marker is still there, the sign-in page can say the person was signed out for inactivity.
 */
export const SESSION_MARKER_COOKIE = "attune-had-session";
export const SESSION_MARKER_MAX_AGE = 12 * 60 * 60;
