import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { portalLanguage } from "@/portal/session";
import { resolveLanguage } from "./catalog";
import { LINK_LANGUAGE_HEADER, PORTAL_TOKEN_HEADER } from "./header";

/** The language of this request's pages: the portal link's holder's, else the one the link names (unsubscribe), else English. */
export const requestLanguage = cache(async (): Promise<string> => {
  const all = await headers();
  const token = all.get(PORTAL_TOKEN_HEADER);
  return token ? portalLanguage(getDb(), token) : resolveLanguage(all.get(LINK_LANGUAGE_HEADER));
});
