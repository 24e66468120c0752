"use client";

import { FormMessage } from "@/components/ui/form";
import type { Instrument } from "@/instruments/fhir-schema";
import { submitPortalCheckinAction } from "../actions";
import { CheckinForm } from "./checkin-form";

export function PortalCheckinForm({ token, scheduleId, instrument }: { token: string; scheduleId: string; instrument: Instrument }) {
  return (
    <CheckinForm
      instrument={instrument}
      action={submitPortalCheckinAction}
      hidden={{ token, scheduleId }}
      tone="client"
      submitLabel="Save"
      done={(state) => (
        <div className="space-y-3">
          <FormMessage state={state} />
          <a href={`/p/${token}`} className="inline-block rounded-md border border-line bg-white px-4 py-3 text-base font-medium">
            Back to today
          </a>
        </div>
      )}
    />
  );
}
