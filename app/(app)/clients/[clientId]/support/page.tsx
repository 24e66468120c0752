import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { auditView } from "@/audit/view";
import { requireActor } from "@/auth/session";
import { formatDate } from "@/clients/display";
import { languageOptions } from "@/clients/form-data";
import { getClientForActor } from "@/clients/queries";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { todayIn } from "@/lib/zod-fields";
import { recipientSettings } from "@/messaging/client-messages";
import { MessagingSettingsForm } from "@/messaging/components/messaging-settings-form";
import { messageSettingsOf } from "@/messaging/org-settings";
import { AddContactForm, ArchiveContactForm, RecordConsentForm, RevokeConsentForm } from "@/support-network/components/contact-forms";
import { listSupportNetwork } from "@/support-network/queries";
import { consentScopeLabels, relationshipLabels } from "@/support-network/schemas";
import { staffText } from "@/i18n/staff";

const t = staffText("supportNetwork");

export const metadata: Metadata = { title: t("supportNetwork") };

export default async function SupportNetworkPage({ params }: { params: Promise<{ clientId: string }> }) {
  const actor = await requireActor(["counselor", "supervisor"]);
  const { clientId } = await params;
  const client = await getClientForActor(getDb(), actor, clientId);
  if (!client) notFound();
  await auditView(getDb(), actor, { action: "client.view", entityType: "client", entityId: client.id, clientId: client.id, detail: { tab: "support" } });
  const contacts = await listSupportNetwork(getDb(), actor, client.id, client.timeZone);
  const today = todayIn(client.timeZone);
  const [mail, orgMail] = await Promise.all([
    Promise.all(contacts.map((c) => recipientSettings(getDb(), actor.organisationId, client.id, c.id))),
    messageSettingsOf(getDb(), actor.organisationId),
  ]);
  return (
    <div className="space-y-6">
      <Card>
        <CardTitle className="mb-1">{t("familyAndSupporters")}</CardTitle>
        <p className="mb-4 text-sm text-muted">
          {t.rich("whoSupports", { name: client.preferredName ?? client.name, bdi: (chunks) => <bdi>{chunks}</bdi> })}
        </p>
        <AddContactForm clientId={client.id} today={today} languages={languageOptions()} />
      </Card>
      {contacts.length === 0 ? <p className="text-sm text-muted">{t("noOneIsRecordedIn")}</p> : null}
      {contacts.map((contact, i) => (
        <Card key={contact.id} aria-labelledby={`contact-${contact.id}`}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div>
              <h2 id={`contact-${contact.id}`} className="text-base font-semibold">
                <bdi>{contact.name}</bdi>
              </h2>
              <p className="text-sm text-muted">
                {relationshipLabels[contact.relationship]}
                {contact.isEmergencyContact ? t("emergencyContactSuffix") : ""}
                {contact.phone ? ` · ${contact.phone}` : ""}
                {contact.email ? ` · ${contact.email}` : ""}
              </p>
              {contact.notes ? <p className="mt-1 text-sm">{contact.notes}</p> : null}
            </div>
            <div className="flex items-center gap-2">
              <span className="text-sm text-muted">{t("sharingToday")}</span>
              <Badge tone={contact.currentScope === "nothing" ? "neutral" : contact.currentScope === "progress_summaries" ? "ok" : "brand"}>
                {consentScopeLabels[contact.currentScope]}
              </Badge>
              <ArchiveContactForm clientId={client.id} contactId={contact.id} version={contact.version} contactName={contact.name} />
            </div>
          </div>
          <div className="mt-4 overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="mb-2 text-left text-sm font-medium text-ink">{t.rich("consentHistoryFor", { name: contact.name, bdi: (chunks) => <bdi>{chunks}</bdi> })}</caption>
              <thead className="border-b border-line text-xs uppercase tracking-wide text-muted">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("sharing")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("from")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("until")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("recorded")}</th>
                  <th scope="col" className="py-2 pr-4 font-medium">{t("revoked")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {contact.consents.map((c) => (
                  <tr key={c.id} className={c.revokedAt ? "text-muted" : undefined}>
                    <td className="py-2 pr-4">
                      {consentScopeLabels[c.scope]}
                      {c.note ? <span className="block text-xs text-muted">{c.note}</span> : null}
                    </td>
                    <td className="py-2 pr-4">{formatDate(c.validFrom)}</td>
                    <td className="py-2 pr-4">{c.validUntil ? formatDate(c.validUntil) : t("noEndDate")}</td>
                    <td className="py-2 pr-4">
                      {t("dateBy", { date: formatDate(c.recordedAt), name: c.recordedBy })}
                    </td>
                    <td className="py-2 pr-4">
                      {c.revokedAt ? (
                        <span>
                          {t("dateBy", { date: formatDate(c.revokedAt), name: c.revokedBy ?? "" })}
                          {c.revokeReason ? <span className="block text-xs">{c.revokeReason}</span> : null}
                        </span>
                      ) : (
                        <RevokeConsentForm clientId={client.id} consentId={c.id} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-3">
            <RecordConsentForm clientId={client.id} contactId={contact.id} contactName={contact.name} today={today} />
          </div>
          {/* Not a region of its own: the card is the contact's region. */}
          <div className="mt-5 border-t border-line pt-4">
            <h3 className="mb-1 text-sm font-semibold">
              {t.rich("emailRemindersFor", { name: contact.name, bdi: (chunks) => <bdi>{chunks}</bdi> })}
            </h3>
            <p className="mb-3 text-sm text-muted">{t("emailRemindersHint")}</p>
            <MessagingSettingsForm
              clientId={client.id}
              contactId={contact.id}
              who={contact.name}
              email={mail[i]?.email ?? contact.email ?? null}
              timeZone={mail[i]?.timeZone ?? client.timeZone}
              preferredHour={mail[i]?.preferredHour ?? orgMail.reminderHour}
              consent={mail[i]?.consent ? { ...mail[i].consent, recordedAt: mail[i].consent.recordedAt.toISOString() } : null}
            />
          </div>
        </Card>
      ))}
    </div>
  );
}
