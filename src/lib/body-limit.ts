/**
 * The largest form submission (server action request) Attune accepts: 1 MB, Next.js's own limit
 * for server actions. The edge (src/lib/request-guard.ts) answers a larger one 413 before anything
 * runs; the browser (src/components/ui/submit-size-guard.tsx) stops it before it is sent and says
 * so beside the field.
 */
export const ACTION_BODY_LIMIT_BYTES = 1024 * 1024;
export const ACTION_BODY_LIMIT_LABEL = "1 MB";
export const TOO_LARGE_MESSAGE = `This form is larger than the ${ACTION_BODY_LIMIT_LABEL} Attune accepts, so nothing was saved. Shorten the longest text, or split it, and send it again.`;
