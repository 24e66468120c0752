"use server";

import { formAction } from "@/lib/action";
import { portalFormAction } from "@/lib/portal-action";
import { administer, administerSpec } from "./administer";
import { acknowledgeAlert, acknowledgeAlertSpec } from "./alerts";
import { publish, publishSpec, retire, retireSpec, setScoring, setScoringSpec, upload, uploadSpec } from "./imports";
import { submitCheckin, submitCheckinSpec } from "./portal";
import { createSchedule, createScheduleSpec, endSchedule, endScheduleSpec } from "./schedules";
import { staffText } from "@/i18n/staff";

const kv = staffText("checkinValidation");

const tab = (clientId: string) => `/clients/${clientId}/checkins`;

export const administerAction = formAction(
  {
    ...administerSpec,
    revalidate: ({ input }) => [tab(input.clientId), `/clients/${input.clientId}`],
    success: ({ input, result }) => ({ redirectTo: `${tab(input.clientId)}/${result.id}?saved=1` }),
  },
  administer,
);

export const createScheduleAction = formAction(
  { ...createScheduleSpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: kv("scheduled") }) },
  createSchedule,
);

export const endScheduleAction = formAction(
  { ...endScheduleSpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: kv("scheduleEnded") }) },
  endSchedule,
);

export const acknowledgeAlertAction = formAction(
  {
    ...acknowledgeAlertSpec,
    revalidate: ({ input }) => [tab(input.clientId), `/clients/${input.clientId}`],
    success: () => ({ message: kv("alertAcknowledged") }),
  },
  acknowledgeAlert,
);

export const uploadInstrumentAction = formAction(
  { ...uploadSpec, revalidate: () => ["/admin/instruments"], success: ({ result }) => ({ redirectTo: `/admin/instruments/${result.id}` }) },
  upload,
);

export const setScoringAction = formAction(
  {
    ...setScoringSpec,
    revalidate: ({ input }) => [`/admin/instruments/${input.instrumentId}`],
    success: () => ({ message: kv("scoringSaved") }),
  },
  setScoring,
);

export const publishInstrumentAction = formAction(
  {
    ...publishSpec,
    revalidate: ({ input }) => ["/admin/instruments", `/admin/instruments/${input.instrumentId}`],
    success: () => ({ message: kv("published") }),
  },
  publish,
);

export const retireInstrumentAction = formAction(
  {
    ...retireSpec,
    revalidate: ({ input }) => ["/admin/instruments", `/admin/instruments/${input.instrumentId}`],
    success: () => ({ message: kv("retired") }),
  },
  retire,
);

export const submitPortalCheckinAction = portalFormAction(submitCheckinSpec, submitCheckin, (result, t) => ({
  message: result.duplicate ? t("checkin.alreadySaved") : result.critical > 0 ? t("checkin.savedCritical") : t("checkin.saved"),
}));
