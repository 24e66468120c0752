/** Set by the proxy on portal requests (and removed from every incoming request): the link's token. */
export const PORTAL_TOKEN_HEADER = "x-attune-portal-token";
