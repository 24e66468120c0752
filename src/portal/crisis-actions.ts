"use server";

import { formAction } from "@/lib/action";
import { setCrisisLines, setCrisisLinesSpec } from "./crisis-mutations";

export const setCrisisLinesAction = formAction(
  {
    ...setCrisisLinesSpec,
    revalidate: () => ["/admin/crisis-lines"],
    success: ({ result }) =>
      result.lines === 0
        ? { message: "Cleared. The portal shows the built-in lines for this country again, if there are any." }
        : { message: `Saved. Clients in this country now see ${result.lines === 1 ? "this line" : `these ${result.lines} lines`} in the portal.` },
  },
  setCrisisLines,
);
