import QRCode from 'qrcode';

/**
 * The otpauth:// address as a QR code, drawn here (no external service ever sees the secret) and
 * embedded as an SVG data: URI, which the CSP allows for images.
 */
export async function qrCodeDataUri(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
