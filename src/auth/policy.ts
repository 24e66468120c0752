/** How long a session lives without activity, and at most. */
export const IDLE_TIMEOUT_SECONDS = 15 * 60;
export const ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60;
