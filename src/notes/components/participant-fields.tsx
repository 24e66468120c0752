"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { FieldError, TextField, inputClass } from "@/components/ui/form";
import { TextAreaField } from "@/components/ui/select-field";
import { cn } from "@/components/ui/cn";
import { staffText } from "@/i18n/staff";
import { relationshipLabels } from "@/support-network/schemas";
import type { NoteDraft } from "../draft";
import type { ClientOption, ContactOption } from "../queries";
import { engagementLabels, LIMITS, topicLabels, type FamilyTopic } from "../schemas";

const t = staffText("notes");
type Errors = Record<string, string[]>;
const legendClass = "text-base font-semibold text-ink";

/** Who from the support network attended, how each engaged, and what the session worked on. */
export function FamilyFields({ draft, contacts, errors, clientName }: { draft: NoteDraft; contacts: ContactOption[]; errors: Errors; clientName: string }) {
  const [ticked, setTicked] = useState(() => new Set(draft.attendees.map((a) => a.contactId)));
  const [other, setOther] = useState(draft.topics.includes("other"));
  const engagementOf = new Map(draft.attendees.map((a) => [a.contactId, a.engagement]));
  const toggle = (id: string, on: boolean) => setTicked((prev) => new Set([...prev].filter((x) => x !== id).concat(on ? [id] : [])));
  return (
    <Card className="grid gap-6 lg:grid-cols-2">
      <fieldset data-field="attendees" aria-describedby={errors.attendees ? "attendees-error" : undefined}>
        <legend className={legendClass}>{t("whoAttended")}</legend>
        <p className="text-sm text-muted">{t("whoAttendedHint", { clientName })}</p>
        {contacts.length === 0 ? (
          <p className="mt-3 text-sm text-muted">{t("noSupportNetwork")}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {contacts.map((c) => (
              <li key={c.id} className="rounded-md border border-line p-3">
                <label className="flex items-center gap-2 text-sm font-medium">
                  <input type="checkbox" name="attendee" value={c.id} checked={ticked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} className="size-4 accent-brand-600" />
                  {c.name} <span className="font-normal text-muted">({relationshipLabels[c.relationship]})</span>
                </label>
                {ticked.has(c.id) ? (
                  <div className="mt-2 pl-6">
                    <label htmlFor={`engagement-${c.id}`} className="block text-xs font-medium text-muted">
                      {t("howEngaged", { firstName: c.name.split(" ")[0] ?? "" })}
                    </label>
                    <select id={`engagement-${c.id}`} name={`engagement.${c.id}`} defaultValue={engagementOf.get(c.id) ?? ""} className={cn(inputClass, "mt-1 py-1.5 sm:max-w-xs")}>
                      <option value="">{t("notRatedYet")}</option>
                      {Object.entries(engagementLabels).map(([value, label]) => (
                        <option key={value} value={value}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <FieldError id="attendees-error" errors={errors.attendees} />
      </fieldset>
      <fieldset aria-describedby={errors.topics ? "topics-error" : undefined}>
        <legend className={legendClass}>{t("topics")}</legend>
        <p className="text-sm text-muted">{t("topicsHint")}</p>
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          {(Object.keys(topicLabels) as FamilyTopic[]).map((topic) => (
            <label key={topic} className="flex items-center gap-2 rounded-md border border-line px-3 py-2 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="checkbox" name="topics" value={topic} defaultChecked={draft.topics.includes(topic)} onChange={topic === "other" ? (e) => setOther(e.target.checked) : undefined} className="size-4 accent-brand-600" />
              {topicLabels[topic]}
            </label>
          ))}
        </div>
        <FieldError id="topics-error" errors={errors.topics} />
        {other ? <TextField name="topicsOther" label={t("otherTopic")} maxLength={120} defaultValue={draft.topicsOther} errors={errors.topicsOther} className="mt-3" /> : null}
      </fieldset>
    </Card>
  );
}

/** The group's attendees (the actor's clients) and each one's short individual part. */
export function GroupFields({ draft, candidates, errors, clientId }: { draft: NoteDraft; candidates: ClientOption[]; errors: Errors; clientId: string }) {
  const [ticked, setTicked] = useState(() => new Set([clientId, ...draft.members.map((m) => m.clientId)]));
  const partOf = new Map(draft.members.map((m) => [m.clientId, m.individualPart]));
  const chosen = candidates.filter((c) => ticked.has(c.id));
  const toggle = (id: string, on: boolean) => setTicked((prev) => new Set([...prev].filter((x) => x !== id).concat(on ? [id] : [])));
  return (
    <Card className="grid gap-6 lg:grid-cols-[minmax(16rem,1fr)_2fr]">
      <fieldset data-field="members" aria-describedby={errors.members ? "members-error" : undefined}>
        <legend className={legendClass}>{t("attendees")}</legend>
        <p className="text-sm text-muted">{t("attendeesHint")}</p>
        <input type="hidden" name="member" value={clientId} />
        <ul className="mt-3 max-h-80 space-y-1 overflow-y-auto rounded-md border border-line p-2">
          {candidates.map((c) => (
            <li key={c.id}>
              <label className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-canvas">
                {c.id === clientId ? (
                  <input type="checkbox" checked disabled aria-describedby="member-fixed" className="size-4 accent-brand-600" />
                ) : (
                  <input type="checkbox" name="member" value={c.id} checked={ticked.has(c.id)} onChange={(e) => toggle(c.id, e.target.checked)} className="size-4 accent-brand-600" />
                )}
                <span>{c.name}</span>
                <span className="ml-auto text-xs text-muted">{c.recordNumber}</span>
              </label>
            </li>
          ))}
        </ul>
        <p id="member-fixed" className="mt-1 text-xs text-muted">
          {t("memberFixed")}
        </p>
        <FieldError id="members-error" errors={errors.members} />
      </fieldset>
      <div className="space-y-4">
        <h3 className={legendClass}>{t("individualParts")}</h3>
        {chosen.map((c) => (
          <TextAreaField key={c.id} name={`part.${c.id}`} label={t("individualPart", { name: c.name })} rows={3} maxLength={LIMITS.part} defaultValue={partOf.get(c.id) ?? ""} />
        ))}
      </div>
    </Card>
  );
}
