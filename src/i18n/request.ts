import { getRequestConfig } from "next-intl/server";
import { messagesFor, resolveLanguage } from "./catalog";
import { requestLanguage } from "./request-language";

// next-intl's configuration for one request. There is no locale in the URL: a portal page's
// language is its client's (or support person's) preferred one, found from the link; every other
// page is English for now. Pages that know their language pass it explicitly
// (`getTranslations({ locale, namespace })`), which arrives here as `locale`.
export default getRequestConfig(async ({ locale }) => {
  const code = locale ? resolveLanguage(locale) : await requestLanguage();
  return { locale: code, messages: messagesFor(code), timeZone: "UTC" };
});
