import { devices, type Page } from "@playwright/test";
import { expect, signedInAs, storageStateFor, test } from "./fixtures";

// The numbness check-in's questions, by a distinctive part of their text.
const Q = {
  flat: /seemed flat/,
  empty: /felt empty inside/,
  distant: /far away from the people/,
  joy: /enjoy the good moments/,
  interest: /hold my interest/,
  body: /My body felt numb/,
  naming: /tell what I was feeling/,
  worth: /hard to see the point/,
};

type Answers = Record<keyof typeof Q, string>;

// 3 + 2 + 3 + 3 (joy is reverse-worded) + 2 + 0 + 1 (so is naming) + 0 = 14: "Some" (8 to 16).
const fourteen: Answers = {
  flat: "Often",
  empty: "Some of the time",
  distant: "Often",
  joy: "Once in a while",
  interest: "Some of the time",
  body: "Not at all",
  naming: "Often",
  worth: "Not at all",
};

async function answer(page: Page, answers: Answers) {
  for (const [key, text] of Object.entries(answers) as [keyof typeof Q, string][]) {
    await page.getByRole("group", { name: Q[key] }).getByRole("radio", { name: text, exact: true }).check();
  }
}

async function openCheckins(page: Page, record: string, name: RegExp) {
  await page.goto(`/clients?q=${record}`);
  await page.getByRole("link", { name }).click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  await page.goto(`${new URL(page.url()).pathname}/checkins`);
  await expect(page.getByRole("heading", { name: "Take a check-in now" })).toBeVisible();
}

test.describe("check-ins", () => {
  signedInAs("counselor");
  test.setTimeout(90_000);

  test("a counselor takes the numbness check-in in session and sees its total and band", async ({ page }) => {
    await openCheckins(page, "RRC-1006", /Farah/);
    await page.getByRole("link", { name: /Start\W+Emotional numbness check-in/ }).click();
    await expect(page.getByText("Written for Attune · not a validated instrument").first()).toBeVisible();
    // Keyboard: a radio group is one tab stop; the arrow keys choose within it.
    await page.getByRole("group", { name: Q.flat }).getByRole("radio", { name: "Not at all", exact: true }).focus();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("group", { name: Q.flat }).getByRole("radio", { name: "Once in a while", exact: true })).toBeChecked();
    await answer(page, fourteen);
    await expect(page.getByText("8 of 8 answered")).toBeVisible();
    await page.getByRole("button", { name: "Save and score" }).click();

    await expect(page.getByText("Saved and scored.")).toBeVisible();
    await expect(page.getByText("14", { exact: true })).toBeVisible();
    await expect(page.getByText("of 32")).toBeVisible();
    await expect(page.getByText("Some", { exact: true })).toBeVisible();
    await expect(page.getByRole("row", { name: /I could enjoy the good moments.*Once in a while.*3 \/ 4/ })).toBeVisible();
    await expect(page.getByText("Written for Attune · not a validated instrument").first()).toBeVisible();

    await page.getByRole("link", { name: "← Check-ins" }).click();
    const row = page.getByRole("row", { name: /Emotional numbness check-in/ }).first();
    await expect(row).toContainText("14");
    await expect(row).toContainText("Some");
    await expect(row).toContainText("In session");
  });

  test("a critical answer raises an alert on the Check-ins tab until acknowledged with a note", async ({ page }) => {
    await openCheckins(page, "RRC-1007", /Gabriel/);
    await expect(page.getByRole("heading", { name: /open alert/ })).toHaveCount(0);
    await page.getByRole("link", { name: /Start\W+Emotional numbness check-in/ }).click();
    await answer(page, { ...fourteen, worth: "Nearly all the time" });
    await page.getByRole("button", { name: "Save and score" }).click();
    await expect(page.getByText("Critical answer: open alert")).toBeVisible();

    await page.getByRole("link", { name: "← Check-ins" }).click();
    const alerts = page.getByRole("region", { name: /1 open alert/ });
    await expect(alerts).toBeVisible();
    await expect(alerts).toContainText("Follow up with them today");
    await alerts.getByRole("button", { name: "Acknowledge" }).click();
    await expect(alerts.getByText(/Write what you did or decided/).first()).toBeVisible();

    await alerts.getByLabel("Acknowledgement note").fill("Called at 4pm. Safety plan reviewed together; no plan or intent. Session moved to tomorrow.");
    await alerts.getByRole("button", { name: "Acknowledge" }).click();
    await expect(page.getByRole("region", { name: /open alert/ })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("region", { name: /open alert/ })).toHaveCount(0);
    await page.getByRole("row", { name: /Critical answer/ }).first().getByRole("link").click();
    await expect(page.getByText("Critical answer, acknowledged")).toBeVisible();
    await expect(page.getByText(/Safety plan reviewed together/)).toBeVisible();
  });

  test("a scheduled check-in is completed through the client's private link on a phone", async ({ page, browser }) => {
    // An intake client: the demo data sends them nothing yet, so this schedule is the only one.
    await openCheckins(page, "RRC-1017", /Quinn/);
    await page.getByRole("button", { name: "Send a check-in to the portal" }).click();
    await page.getByRole("combobox", { name: "Check-in", exact: true }).selectOption({ label: "Emotional numbness check-in" });
    await page.getByLabel("How often").selectOption("weekly");
    await page.getByRole("button", { name: "Schedule" }).click();
    await expect(page.getByText("The check-in was scheduled for the portal.")).toBeVisible();
    await expect(page.getByText(/Waiting in the portal until/)).toBeVisible();

    const checkinsUrl = page.url();
    await page.getByRole("link", { name: "Exercises" }).click();
    await page.getByLabel("New link for").selectOption("client");
    await page.getByRole("button", { name: "Create private link" }).click();
    const link = await page.getByLabel("The new private link (shown only now)").inputValue();

    const context = await browser.newContext({ ...devices["Pixel 7"] });
    const phone = await context.newPage();
    await phone.goto(`${link}/c`);
    await phone.getByRole("link", { name: /Start\W+Emotional numbness check-in/ }).click();
    await expect(phone.getByText("Written for Attune · not a validated instrument").first()).toBeVisible();
    await answer(phone, fourteen);
    await phone.getByRole("button", { name: "Save" }).dblclick();
    await expect(phone.getByText(/Saved\. Thank you|already saved/).first()).toBeVisible();
    await phone.goto(`${link}/c`);
    await expect(phone.getByText("No check-in is waiting for you right now.")).toBeVisible();
    await context.close();

    await page.goto(checkinsUrl);
    const row = page.getByRole("row", { name: /Emotional numbness check-in/ }).first();
    await expect(row).toContainText("Portal");
    await expect(row).toContainText("14");
    await expect(page.getByRole("row", { name: /Emotional numbness check-in.*Portal/ })).toHaveCount(1);
  });
});

// A small public-domain style screen, as an organisation would import it: weights, no scoring yet.
const moodScreen = {
  resourceType: "Questionnaire",
  url: "http://example.org/fhir/Questionnaire/e2e-mood-screen",
  version: "1.0.0",
  title: "Mood screen (e2e)",
  status: "active",
  copyright: "Public domain.",
  item: ["Little interest in things", "Feeling low", "Poor sleep", "Low energy"].map((text, i) => ({
    linkId: `q${i + 1}`,
    type: "choice",
    text,
    answerOption: ["Not at all", "Several days", "More than half the days", "Nearly every day"].map((display, weight) => ({
      valueCoding: { code: `a${weight}`, display },
      extension: [{ url: "http://hl7.org/fhir/StructureDefinition/itemWeight", valueDecimal: weight }],
    })),
  })),
};

test.describe("importing a questionnaire", () => {
  signedInAs("admin");
  test.setTimeout(90_000);

  test("an admin imports a questionnaire, writes its scoring in a form and publishes it for counselors", async ({ page, browser }) => {
    await page.goto("/admin/instruments");
    await page.getByLabel("Or paste the JSON").fill('{"resourceType": "Questionnaire",');
    await page.getByRole("button", { name: "Read questionnaire" }).click();
    await expect(page.getByText(/^Not valid JSON: /)).toBeVisible();

    await page.getByLabel("Questionnaire file (FHIR R4 JSON)").setInputFiles({ name: "mood.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(moodScreen)) });
    await expect(page.getByText("mood.json loaded")).toBeVisible();
    await page.getByRole("button", { name: "Read questionnaire" }).click();
    await expect(page.getByRole("heading", { name: "Mood screen (e2e)" })).toBeVisible();
    await expect(page.getByText("4 questions, 4 of them scored; the weights can add up to between 0 and 12.")).toBeVisible();
    await expect(page.getByText("There is no scoring yet: fill in the scoring form below.")).toBeVisible();
    await expect(page.getByLabel("Highest possible total")).toHaveValue("12");

    const bands = [["0", "5", "Minimal"], ["5", "10", "Moderate"], ["10", "12", "Severe"]];
    for (const [i, [from, to, label]] of bands.entries()) {
      await page.getByLabel(`Band ${i + 1} from`).fill(from!);
      await page.getByLabel(`Band ${i + 1} to`).fill(to!);
      await page.getByLabel(`Band ${i + 1} label`).fill(label!);
    }
    await page.getByLabel("Reliability (r, 0 to below 1)").fill("0.84");
    await page.getByLabel("Standard deviation of totals").fill("2.9");
    await page.getByLabel("Source (citation)").fill("The instrument's manual");
    await page.getByRole("button", { name: "Save scoring" }).click();
    await expect(page.getByText("The scoring is complete and fits the questionnaire.")).toBeVisible();
    await page.getByRole("button", { name: "Publish for the organisation" }).click();
    await expect(page.getByText("Published", { exact: true })).toBeVisible();

    const counselor = await browser.newContext({ storageState: storageStateFor("counselor") });
    const other = await counselor.newPage();
    await openCheckins(other, "RRC-1008", /Hana/);
    await other.getByRole("link", { name: /Start\W+Mood screen \(e2e\)/ }).click();
    await expect(other.getByText("Written for Attune · not a validated instrument")).toHaveCount(0);
    await counselor.close();
  });
});
