import "server-only";
import { createElement } from "react";
import { Document, Page, Text } from "@react-pdf/renderer";
import { renderToBuffer } from "@react-pdf/renderer";
import type { ProgressReportData } from "../progress-data";
import { ProgressReportDocument } from "./progress-report";
import { pdfSafe } from "./script-safe";
import { FONT, registerFonts } from "./theme";

/** The progress report as PDF bytes, rendered on the server with no browser. */
export async function renderProgressReportPdf(data: ProgressReportData): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(createElement(ProgressReportDocument, { data: pdfSafe(data) }) as Parameters<typeof renderToBuffer>[0]);
}

/**
 * Renders a one-line document in both weights once, at server start (instrumentation.ts), so the
 * first report does not pay for loading the renderer and parsing its fonts (1.5 s after a start).
 */
export async function warmPdfRenderer(): Promise<void> {
  registerFonts();
  const line = (fontWeight: "normal" | "bold") => createElement(Text, { style: { fontFamily: FONT, fontWeight } }, "Attune − ≥ ↑");
  await renderToBuffer(createElement(Document, null, createElement(Page, null, line("normal"), line("bold"))) as Parameters<typeof renderToBuffer>[0]);
}
