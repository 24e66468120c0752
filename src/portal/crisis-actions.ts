"use server";

import { formAction } from "@/lib/action";
import { setCrisisLines, setCrisisLinesSpec } from "./crisis-mutations";
import { staffText } from "@/i18n/staff";

const crv = staffText("crisisValidation");

export const setCrisisLinesAction = formAction(
  {
    ...setCrisisLinesSpec,
    revalidate: () => ["/admin/crisis-lines"],
    success: ({ result }) =>
      result.lines === 0
        ? { message: crv("cleared") }
        : { message: crv("saved", { count: result.lines }) },
  },
  setCrisisLines,
);
