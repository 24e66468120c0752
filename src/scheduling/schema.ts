import { z } from "zod";
import { localDate, optionalLocalDate, stringList } from "@/lib/zod-fields";
import type { Cadence } from "./cadence";
import { cadenceKinds, type CadenceKind } from "./labels";
import { staffText } from "@/i18n/staff";

const scv = staffText("scheduleValidation");

/** The form fields every schedule has: how often, which weekdays, first and last day. */
export const cadenceFields = {
  cadence: z.enum(cadenceKinds, { error: scv("chooseCadence") }),
  weekdays: stringList.pipe(z.array(z.coerce.number<string>().int().min(0).max(6))),
  startDate: localDate(scv("chooseFirstDay")),
  endDate: optionalLocalDate,
};

type CadenceValues = { cadence: CadenceKind; weekdays: number[]; startDate: string; endDate?: string | undefined };

/**
 * A form schema for something scheduled: `fields` (the domain's own) plus `cadenceFields`, with
 * the rules that tie them together (weekdays chosen when the cadence needs them; the last day not
 * before the first).
 */
export function scheduledFormSchema<Shape extends z.ZodRawShape>(fields: Shape) {
  // The output always holds the cadence fields; TypeScript cannot see that through a generic shape.
  const values = (v: unknown) => v as CadenceValues;
  return z
    .object({ ...fields, ...cadenceFields })
    .refine((v) => weekdaysChosen(values(v)), { path: ["weekdays"], message: scv("chooseWeekday") })
    .refine((v) => endNotBeforeStart(values(v)), { path: ["endDate"], message: scv("lastOnOrAfterFirst") });
}

const weekdaysChosen = (v: CadenceValues): boolean => v.cadence !== "weekdays" || v.weekdays.length > 0;
const endNotBeforeStart = (v: CadenceValues): boolean => !v.endDate || v.endDate >= v.startDate;

/** The stored cadence of a parsed form: weekdays only for "weekdays", each once, in order. */
export function toCadence(input: { cadence: CadenceKind; weekdays: readonly number[] }): Cadence {
  if (input.cadence !== "weekdays") return { kind: input.cadence };
  return { kind: "weekdays", days: [...new Set(input.weekdays)].sort((a, b) => a - b) };
}
