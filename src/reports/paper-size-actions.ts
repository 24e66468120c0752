"use server";

import { formAction } from "@/lib/action";
import { paperSizeLabels, setPaperSize, setPaperSizeSpec } from "./paper-size";
import { staffText } from "@/i18n/staff";

const rv = staffText("reportValidation");

export const setPaperSizeAction = formAction(
  { ...setPaperSizeSpec, revalidate: () => ["/admin/users"], success: ({ result }) => ({ message: rv("paperSizeSaved", { size: paperSizeLabels[result.paperSize] }) }) },
  setPaperSize,
);
