import { devices, type Browser, type Page } from "@playwright/test";
import { expect, signedInAs, test } from "./fixtures";

// Screenshots for a person to look at (phone width, each language), beside Playwright's own output.
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/languages/${name}.png`, fullPage: true });

async function phone(browser: Browser) {
  const context = await browser.newContext({ ...devices["Pixel 7"] });
  return context.newPage();
}

// The same answers as the English portal test (14, "Some"), in the Spanish wording the client sees.
const fourteen: [RegExp, string][] = [
  [/Mis sentimientos parecían apagados/, "A menudo"],
  [/Me sentí vacío\/a por dentro/, "Parte del tiempo"],
  [/Me sentí lejos de las personas/, "A menudo"],
  [/Pude disfrutar de los buenos momentos/, "De vez en cuando"],
  [/no parecían despertar mi interés/, "Parte del tiempo"],
  [/Sentía el cuerpo entumecido/, "Nunca"],
  [/podía darme cuenta de lo que sentía/, "A menudo"],
  [/me costaba ver el sentido de seguir/, "Nunca"],
];

async function newClient(page: Page, fields: { name: string; preferred?: string; record: string; language?: string; country?: string }) {
  await page.goto("/clients/new");
  await page.getByLabel("Full name").fill(fields.name);
  if (fields.preferred) await page.getByLabel("Preferred name").fill(fields.preferred);
  await page.getByLabel("Record number").fill(fields.record);
  await page.getByLabel("Recovery focus").selectOption("trauma");
  await page.getByLabel("Start date").fill("2026-09-01");
  if (fields.language) await page.getByLabel("Portal language").selectOption(fields.language);
  if (fields.country) await page.getByLabel("Country").selectOption(fields.country);
  await page.getByRole("button", { name: "Create client" }).click();
  await expect(page.getByText("The client was created.")).toBeVisible();
  await expect(page).toHaveURL(/\/clients\/[0-9a-f-]{36}(\?|$)/);
  return new URL(page.url()).pathname;
}

async function privateLink(page: Page, clientPath: string) {
  await page.goto(`${clientPath}/exercises`);
  await page.getByLabel("New link for").selectOption("client");
  await page.getByRole("button", { name: "Create private link" }).click();
  return page.getByLabel("The new private link (shown only now)").inputValue();
}

test.describe("languages and scripts", () => {
  signedInAs("counselor");
  test.setTimeout(120_000);

  test("a Spanish-speaking client does an exercise and a check-in in Spanish on a phone; the counselor sees the same score", async ({ page, browser }) => {
    const clientPath = await newClient(page, { name: "Lucía Ramos Vega", preferred: "Lucía", record: "E2E-ES-1", language: "es", country: "ES" });
    await page.goto(`${clientPath}/exercises`);
    await page.getByRole("button", { name: "Assign an exercise" }).click();
    await page.getByLabel("Exercise").selectOption("daily-feelings-journal");
    await page.getByLabel("How often").selectOption("weekly");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(page.getByText("The exercise was assigned.")).toBeVisible();
    await page.goto(`${clientPath}/checkins`);
    await page.getByRole("button", { name: "Send a check-in to the portal" }).click();
    await page.getByRole("combobox", { name: "Check-in", exact: true }).selectOption({ label: "Emotional numbness check-in" });
    await page.getByLabel("How often").selectOption("weekly");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByText("The check-in was scheduled for the portal.")).toBeVisible();
    const link = await privateLink(page, clientPath);

    const client = await phone(browser);
    await client.goto(link);
    await expect(client.locator("html")).toHaveAttribute("lang", "es");
    await expect(client.locator("html")).toHaveAttribute("dir", "ltr");
    await expect(client.getByRole("heading", { name: "Hola, Lucía" })).toBeVisible();
    // Spain's crisis line, not the US one.
    const crisis = client.getByRole("complementary", { name: "Si necesita ayuda ahora" });
    await expect(crisis).toContainText("024");
    await expect(crisis).not.toContainText("988");
    await shot(client, "es-home");

    await client.getByRole("link", { name: /Empezar\W+Diario de sentimientos/ }).click();
    await expect(client.getByRole("heading", { name: "Diario de sentimientos" })).toBeVisible();
    await client.getByRole("button", { name: "Guardar" }).click();
    await expect(client.getByText("Esta pregunta necesita una respuesta").first()).toBeVisible();
    await client.getByLabel(/¿Qué destacó hoy\?/).fill("Hablé con mi hermana por primera vez en semanas.");
    await client.getByLabel(/¿Qué palabra se acerca más/).selectOption({ label: "Esperanzado/a" });
    await shot(client, "es-exercise");
    await client.getByRole("button", { name: "Guardar" }).click();
    await expect(client.getByText("Guardado. Gracias por dedicarle tiempo hoy.")).toBeVisible();

    await client.goto(`${link}/c`);
    await client.getByRole("link", { name: /Empezar\W+Cuestionario de entumecimiento emocional/ }).click();
    await expect(client.getByText("Escrito para Attune · no es un instrumento validado").first()).toBeVisible();
    for (const [question, option] of fourteen) await client.getByRole("group", { name: question }).getByRole("radio", { name: option, exact: true }).check();
    await expect(client.getByText("8 de 8 respondidas")).toBeVisible();
    await shot(client, "es-checkin");
    await client.getByRole("button", { name: "Guardar" }).dblclick();
    await expect(client.getByText(/Guardado\. Gracias|ya estaba guardado/).first()).toBeVisible();
    await client.context().close();

    // The counselor, in English, sees the score the English test gets from the same answers.
    await page.goto(`${clientPath}/checkins`);
    const row = page.getByRole("row", { name: /Emotional numbness check-in/ }).first();
    await expect(row).toContainText("Portal");
    await expect(row).toContainText("14");
    await row.getByRole("link").first().click();
    await expect(page.getByText(/shown in Spanish/)).toBeVisible();
    await expect(page.getByText("Mis sentimientos parecían apagados, como si alguien hubiera bajado el volumen.")).toBeVisible();
    await expect(page.getByText("My feelings seemed flat, as if someone had turned the volume down.")).toBeVisible();
    await page.goto(`${clientPath}/exercises`);
    await expect(page.getByRole("link", { name: "Daily feelings journal" })).toHaveCount(1);
  });

  test("a Hebrew name with digits keeps its order: isolated in the heading and the roster", async ({ page }) => {
    const clientPath = await newClient(page, { name: "Zoë 🌿 שלום 2", preferred: "שלום 12", record: "E2E-HE-1" });
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText("שלום 12 (Zoë 🌿 שלום 2)");
    const names = heading.locator("bdi");
    await expect(names).toHaveText(["שלום 12", "Zoë 🌿 שלום 2"]);
    // Each name is laid out as a unit: the preferred name sits wholly left of the bracketed full name,
    // and the record number line is not pulled into either.
    const [first, second] = [await names.nth(0).boundingBox(), await names.nth(1).boundingBox()];
    expect(first!.x + first!.width).toBeLessThanOrEqual(second!.x);
    await expect(page.getByText("Record E2E-HE-1")).toBeVisible();
    await heading.screenshot({ path: "test-results/languages/hebrew-heading.png" });
    await page.goto("/clients?q=E2E-HE-1");
    await expect(page.getByRole("link", { name: /Zoë/ }).locator("bdi")).toHaveCount(2);
    expect(clientPath).toMatch(/^\/clients\//);
  });

  test("an Arabic-language portal is laid out right to left: home, an exercise, the summary, a dead link and unsubscribing", async ({ page, browser }) => {
    const clientPath = await newClient(page, { name: "مريم حداد", record: "E2E-AR-1", language: "ar" });
    await page.goto(`${clientPath}/exercises`);
    await page.getByRole("button", { name: "Assign an exercise" }).click();
    await page.getByLabel("Exercise").selectOption("small-social-step");
    await page.getByLabel("How often").selectOption("weekly");
    await page.getByRole("button", { name: "Assign", exact: true }).click();
    await expect(page.getByText("The exercise was assigned.")).toBeVisible();
    await page.goto(`${clientPath}/reports`);
    await page.getByRole("button", { name: "Show in the client's portal" }).click();
    await expect(page.getByText("The summary now shows in the client's portal.")).toBeVisible();
    const link = await privateLink(page, clientPath);

    const client = await phone(browser);
    await client.goto(link);
    await expect(client.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(client.locator("html")).toHaveAttribute("lang", "ar");
    await expect(client.getByRole("heading", { level: 1 })).toHaveText("مرحبًا، مريم");
    // Right to left for real: the heading starts at the right edge of the page.
    const box = await client.getByRole("heading", { level: 1 }).evaluate((h) => getComputedStyle(h).direction);
    expect(box).toBe("rtl");
    await shot(client, "ar-home");

    // The exercise in Arabic, its required answer asked for in Arabic.
    await client.getByRole("link", { name: /خطوة اجتماعية صغيرة/ }).click();
    await expect(client.getByRole("heading", { name: "خطوة اجتماعية صغيرة" })).toBeVisible();
    // The guidance's bullets sit inside the page on its right side (padding on the inline start, not the left).
    const list = client.getByRole("list").filter({ hasText: "الخطوة الصغيرة أفضل من لا شيء." });
    expect(await list.evaluate((ul) => getComputedStyle(ul).paddingRight)).not.toBe("0px");
    await client.getByRole("button", { name: "حفظ" }).click();
    await expect(client.getByText("هذا السؤال يحتاج إلى إجابة").first()).toBeVisible();
    await shot(client, "ar-exercise");
    await client.getByLabel(/ما كانت خطوتك؟/).fill("اتصلت بابن عمي");
    await client.getByRole("button", { name: "حفظ" }).click();
    await expect(client.getByText(/تم الحفظ/).first()).toBeVisible();

    // The summary the counselor showed, in Arabic sentences.
    await client.goto(`${link}/summary`);
    await expect(client.getByRole("heading", { level: 1 })).toHaveText("تقدمك، مريم");
    await expect(client.getByRole("heading", { name: "ما قمت به" })).toBeVisible();
    await expect(client.getByRole("main")).not.toContainText(/You |your counselor|check-ins/);
    await shot(client, "ar-summary");

    // A record that is not this link's: a plain not-found, in Arabic, with no way into the staff sign-in.
    const gone = await client.goto(`${link}/a/00000000-0000-4000-8000-000000000000`);
    expect(gone?.status()).toBe(404);
    await expect(client.getByRole("heading", { name: "لا يمكن فتح هذه الصفحة" })).toBeVisible();
    await expect(client.getByRole("link", { name: /home/i })).toHaveCount(0);
    await shot(client, "ar-not-found");

    // The unsubscribe page in the language its link names, answering alike for any token.
    await client.goto(`/unsubscribe/${"x".repeat(43)}?hl=ar`);
    await expect(client.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(client.getByRole("heading", { name: "أوقف هذه الرسائل" })).toBeVisible();
    await expect(client.getByText("For counselors and their teams")).toHaveCount(0);
    await client.getByRole("button", { name: "أوقف هذه الرسائل" }).click();
    await expect(client.getByRole("heading", { name: "تم إلغاء اشتراكك" })).toBeVisible();
    await shot(client, "ar-unsubscribed");
    await client.context().close();
  });
});
