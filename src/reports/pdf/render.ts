import "server-only";
import { createElement } from "react";
import { renderToBuffer } from "@react-pdf/renderer";
import type { ProgressReportData } from "../progress-data";
import { ProgressReportDocument } from "./progress-report";
import { pdfSafe } from "./script-safe";
import { registerFonts } from "./theme";

/** The progress report as PDF bytes, rendered on the server with no browser. */
export async function renderProgressReportPdf(data: ProgressReportData): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(createElement(ProgressReportDocument, { data: pdfSafe(data) }) as Parameters<typeof renderToBuffer>[0]);
}
