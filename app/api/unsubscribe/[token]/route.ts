import { metaFromHeaders } from "@/auth/request-meta";
import { getDb } from "@/db/client";
import { resolveLanguage } from "@/i18n/catalog";
import { translator } from "@/i18n/translate";
import { unsubscribeByToken } from "@/messaging/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * The List-Unsubscribe address (RFC 8058 one-click): a mail program POSTs
 * "List-Unsubscribe=One-Click" here, without cookies; the unsubscribe page's button posts here
 * too and is sent back to that page. The token is the credential. Known, unknown or used again,
 * the answer is the same. Either answer is in the language the address names (`hl`, the
 * message's own), never looked up from the token.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  await unsubscribeByToken(getDb(), token, metaFromHeaders(request.headers));
  const language = resolveLanguage(new URL(request.url).searchParams.get("hl"));
  if (request.headers.get("sec-fetch-mode") === "navigate") {
    return new Response(null, { status: 303, headers: { Location: `/unsubscribe/${encodeURIComponent(token)}?saved=1&hl=${language}`, "Cache-Control": "no-store" } });
  }
  return new Response(translator(language, "unsubscribe")("done"), {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Content-Language": language, "Cache-Control": "no-store" },
  });
}
