/** Set by the proxy on portal requests (and removed from every incoming request): the link's token. */
export const PORTAL_TOKEN_HEADER = "x-attune-portal-token";
// The language named by a page's own link (the unsubscribe page's `hl`), for <html lang dir>.
export const LINK_LANGUAGE_HEADER = "x-attune-link-language";
