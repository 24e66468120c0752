import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messagesFor, shippedLanguages } from "@/i18n/catalog";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/db";
import { POST } from "../../app/api/unsubscribe/[token]/route";
import { oneClick } from "./testing/one-click";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.close());

// A token of the right shape that no message has: the reply is the same as for a real one.
const address = (hl?: string) => `http://localhost/api/unsubscribe/${"x".repeat(43)}${hl === undefined ? "" : `?hl=${hl}`}`;
const reply = async (hl?: string) => {
  const response = await oneClick(address(hl));
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  return { language: response.headers.get("content-language"), text: await response.text() };
};

describe("the plain-text reply to a one-click unsubscribe", () => {
  it("is in the language the address names, for every shipped language, from its messages file", async () => {
    const english = (await reply("en")).text;
    expect(english).toBe("You will not receive these emails any more. If you change your mind, tell the person who works with you.");
    for (const { code } of shippedLanguages()) {
      const answer = await reply(code);
      expect(answer.language).toBe(code);
      expect(answer.text).toBe((messagesFor(code)["unsubscribe"] as { done: string }).done);
      if (code !== "en") expect(answer.text, code).not.toBe(english);
    }
    expect((await reply("ar")).text).toBe("لن تصلك هذه الرسائل بعد الآن. إذا غيّرت رأيك، فأخبر الشخص الذي يعمل معك.");
  });

  it("falls back like the page: a regional tag to its language, anything else to English", async () => {
    expect(await reply("es-MX")).toEqual({ language: "es", text: "Ya no recibirá estos correos. Si cambia de opinión, dígaselo a la persona que trabaja con usted." });
    expect((await reply()).language).toBe("en");
    expect((await reply("xx")).language).toBe("en");
    expect((await reply("<script>")).language).toBe("en");
  });

  it("sends the unsubscribe page's own button back to that page in its language", async () => {
    const request = new Request(address("ar"), { method: "POST", headers: { "Sec-Fetch-Mode": "navigate" }, body: "List-Unsubscribe=One-Click" });
    const response = await POST(request, { params: Promise.resolve({ token: "x".repeat(43) }) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(`/unsubscribe/${"x".repeat(43)}?saved=1&hl=ar`);
  });
});
