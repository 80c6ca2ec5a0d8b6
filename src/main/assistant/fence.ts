/**
 * Text that comes from outside (broker contract names and descriptions,
 * broker messages, anything a third party wrote) reaches Claude inside these
 * markers; the system prompt says such text is data and never an
 * instruction. Markers inside the text are defused so it cannot close the
 * fence early and talk as if it were us.
 */
const open = '<untrusted-text>';
const close = '</untrusted-text>';
const maxLength = 2000;

export function fenceUntrusted(text: string): string {
  const cleaned = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' ')
    .replace(/<\s*\/?\s*untrusted-text\s*>/gi, '[marker removed]');
  const clipped = cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}… [cut]` : cleaned;
  return `${open}${clipped}${close}`;
}

export const untrustedMarkers = { open, close } as const;
