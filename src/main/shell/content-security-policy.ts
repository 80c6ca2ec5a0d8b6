/**
 * The renderer's Content Security Policy. No inline or eval'd script can run,
 * so an injected string (a contract name, a chat message) can never become
 * code. Styles allow 'unsafe-inline' because React's style attributes need
 * it; styles cannot execute code. The renderer talks to main over IPC only,
 * so connect-src is 'self' (the dev server's HMR socket in development).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** The same policy for the page's <meta> tag, where browsers ignore frame-ancestors (the header carries it). */
export const META_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.split('; ')
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ');
