"use client";

import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/ui/form";
import type { Instrument } from "@/instruments/fhir-schema";
import { submitPortalCheckinAction } from "../actions";
import { CheckinForm } from "./checkin-form";

/** The portal's check-in form; `language` is the wording's (the instrument shown), for `lang`. */
export function PortalCheckinForm({ token, scheduleId, instrument, language }: { token: string; scheduleId: string; instrument: Instrument; language: string }) {
  const t = useTranslations("form");
  return (
    <CheckinForm
      instrument={instrument}
      action={submitPortalCheckinAction}
      hidden={{ token, scheduleId }}
      tone="client"
      submitLabel={t("save")}
      lang={language}
      done={(state) => (
        <div className="space-y-3">
          <FormMessage state={state} />
          <a href={`/p/${token}`} className="inline-block rounded-md border border-line bg-white px-4 py-3 text-base font-medium">
            {t("backToday")}
          </a>
        </div>
      )}
    />
  );
}
