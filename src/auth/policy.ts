/** How long a session lives without activity, and at most. */
export const IDLE_TIMEOUT_SECONDS = 15 * 60;
export const ABSOLUTE_TIMEOUT_SECONDS = 12 * 60 * 60;

/** Sign-in throttling: per email an increasing delay, per address a ceiling a minute. */
export const THROTTLE = {
  windowMinutes: 15,
  freeFailures: 5,
  maxLockMinutes: 15,
  perAddressPerMinute: 30,
} as const;
