import { POST } from "../../../app/api/unsubscribe/[token]/route";

/**
 * What a mail program does with a message's List-Unsubscribe address (RFC 8058): POST
 * "List-Unsubscribe=One-Click" to it, with no cookies and no page around it. Runs the route
 * handler itself, on the database the test installed.
 */
export async function oneClick(address: string): Promise<Response> {
  const url = new URL(address);
  const token = decodeURIComponent(url.pathname.split("/").pop()!);
  const request = new Request(url, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
  return POST(request, { params: Promise.resolve({ token }) });
}
