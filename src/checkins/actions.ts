"use server";

import { formAction } from "@/lib/action";
import { portalFormAction } from "@/lib/portal-action";
import { administer, administerSpec } from "./administer";
import { acknowledgeAlert, acknowledgeAlertSpec } from "./alerts";
import { publish, publishSpec, retire, retireSpec, setScoring, setScoringSpec, upload, uploadSpec } from "./imports";
import { submitCheckin, submitCheckinSpec } from "./portal";
import { createSchedule, createScheduleSpec, endSchedule, endScheduleSpec } from "./schedules";

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
  { ...createScheduleSpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: "The check-in was scheduled for the portal." }) },
  createSchedule,
);

export const endScheduleAction = formAction(
  { ...endScheduleSpec, revalidate: ({ input }) => [tab(input.clientId)], success: () => ({ message: "The schedule was ended." }) },
  endSchedule,
);

export const acknowledgeAlertAction = formAction(
  {
    ...acknowledgeAlertSpec,
    revalidate: ({ input }) => [tab(input.clientId), `/clients/${input.clientId}`],
    success: () => ({ message: "The alert was acknowledged and your note saved." }),
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
    success: () => ({ message: "The scoring was saved. Check the summary, then publish." }),
  },
  setScoring,
);

export const publishInstrumentAction = formAction(
  {
    ...publishSpec,
    revalidate: ({ input }) => ["/admin/instruments", `/admin/instruments/${input.instrumentId}`],
    success: () => ({ message: "Published. Counselors can use this version now." }),
  },
  publish,
);

export const retireInstrumentAction = formAction(
  {
    ...retireSpec,
    revalidate: ({ input }) => ["/admin/instruments", `/admin/instruments/${input.instrumentId}`],
    success: () => ({ message: "Retired. Its past scores stay readable." }),
  },
  retire,
);

export const submitPortalCheckinAction = portalFormAction(submitCheckinSpec, submitCheckin, (result, t) => ({
  message: result.duplicate ? t("checkin.alreadySaved") : result.critical > 0 ? t("checkin.savedCritical") : t("checkin.saved"),
}));
