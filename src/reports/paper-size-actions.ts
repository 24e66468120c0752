"use server";

import { formAction } from "@/lib/action";
import { paperSizeLabels, setPaperSize, setPaperSizeSpec } from "./paper-size";

export const setPaperSizeAction = formAction(
  { ...setPaperSizeSpec, revalidate: () => ["/admin/users"], success: ({ result }) => ({ message: `PDF reports are now laid out on ${paperSizeLabels[result.paperSize]} paper.` }) },
  setPaperSize,
);
