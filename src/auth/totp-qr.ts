import QRCode from "qrcode";

/**
 * The otpauth:// link as a QR code an authenticator app scans, drawn on the server as SVG (no
 * script, no network), for an <img> as a data: URL, which the Content-Security-Policy allows.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
}
