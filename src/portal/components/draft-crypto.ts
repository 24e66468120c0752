/**
 * A half-written entry is kept in the browser only encrypted (AES-GCM), with a key the page
 * receives from the server for this link: the browser's storage never holds readable text.
 */
async function importKey(keyText: string): Promise<CryptoKey> {
  const raw = Uint8Array.from(atob(keyText.replaceAll("-", "+").replaceAll("_", "/")), (c) => c.charCodeAt(0));
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export async function saveDraft(storageKey: string, keyText: string, value: unknown): Promise<void> {
  const key = await importKey(keyText);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = new TextEncoder().encode(JSON.stringify(value));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, data));
  localStorage.setItem(storageKey, `${toBase64(iv)}.${toBase64(sealed)}`);
}

export async function loadDraft<T>(storageKey: string, keyText: string): Promise<T | null> {
  const stored = localStorage.getItem(storageKey);
  if (!stored) return null;
  try {
    const [iv, sealed] = stored.split(".");
    const key = await importKey(keyText);
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: fromBase64(iv!) }, key, fromBase64(sealed!));
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    // Written with another link's key (reissued link) or damaged: it cannot be read.
    localStorage.removeItem(storageKey);
    return null;
  }
}

export function clearDraft(storageKey: string): void {
  localStorage.removeItem(storageKey);
}
