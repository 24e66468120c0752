import { describe, expect, it } from "vitest";
import { warmPdfRenderer } from "./render";

describe("the PDF renderer's warm-up at server start", () => {
  it("renders its one-line document in both weights of the report's font", async () => {
    await expect(warmPdfRenderer()).resolves.toBeUndefined();
    // Twice in one process (both bundles of a server call it): the fonts are registered once.
    await expect(warmPdfRenderer()).resolves.toBeUndefined();
  });
});
