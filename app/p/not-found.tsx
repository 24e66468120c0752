import { requestLanguage } from "@/i18n/request-language";
import { translator } from "@/i18n/translate";

// A portal link that does not open (unknown, expired, revoked) or a record that is not its holder's:
// in the holder's language where the link is live, else English, and nothing that tells which.
// No way "home": a client has no home page but their link.
export default async function PortalNotFound() {
  const t = translator(await requestLanguage(), "portalStates");
  return (
    <div className="space-y-3 py-16 text-center">
      <p className="text-sm font-medium text-muted">404</p>
      <h1 className="text-2xl font-semibold">{t("notFoundTitle")}</h1>
      <p className="text-base text-muted">{t("notFound")}</p>
    </div>
  );
}
