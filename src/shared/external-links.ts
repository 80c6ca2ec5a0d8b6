/**
 * Sites the person may be sent to in their own browser, and only over https.
 * The shell enforces this on every navigation and window.open; the renderer
 * reads the same list only to decide whether a link in a reply is drawn as a
 * link or as its text. URLs are parsed, never compared with startsWith:
 * `https://example.com.attacker.com` starts with `https://example.com` but is
 * another site.
 */
export const EXTERNAL_HOSTS = [
  'www.interactivebrokers.com',
  'interactivebrokers.com',
  'www.ibkrguides.com',
  'console.anthropic.com',
  'docs.anthropic.com',
  'www.anthropic.com',
] as const;

export function isAllowedExternal(target: string): boolean {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return (EXTERNAL_HOSTS as readonly string[]).includes(url.hostname);
}
