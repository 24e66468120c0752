import type { PaperSize } from "@/db/schema";

// The labels alone, for the browser: the form must not pull the action's schema (and zod) in.
export const paperSizeLabels: Record<PaperSize, string> = { letter: "US Letter (8.5 × 11 in)", a4: "A4 (210 × 297 mm)" };
