import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "@/db/client";
import { portalLanguage } from "@/portal/session";
import { DEFAULT_LANGUAGE } from "./catalog";
import { PORTAL_TOKEN_HEADER } from "./header";

/** The language of this request's pages: the portal link's holder's, else English. */
export const requestLanguage = cache(async (): Promise<string> => {
  const token = (await headers()).get(PORTAL_TOKEN_HEADER);
  return token ? portalLanguage(getDb(), token) : DEFAULT_LANGUAGE;
});
