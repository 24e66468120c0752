import { messagesFor, type Messages } from "./catalog";

// Only the namespaces client components use travel to the browser.
const CLIENT_NAMESPACES = ["form", "answers", "emotions", "emotionFamilies", "bodyAreas", "portalStates"] as const;

export function clientMessages(language: string): Record<string, unknown> {
  const all: Messages = messagesFor(language);
  return Object.fromEntries(CLIENT_NAMESPACES.map((ns) => [ns, all[ns]]));
}
