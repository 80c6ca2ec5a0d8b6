/**
 * Decisions about where the window may go. URLs are parsed, never compared
 * with startsWith: `https://example.com.attacker.com` starts with
 * `https://example.com` but is another site.
 */

export function isSameOrigin(target: string, appOrigin: string): boolean {
  const url = parse(target);
  const app = parse(appOrigin);
  if (!url || !app) return false;
  return url.protocol === app.protocol && url.host === app.host;
}

/** Sites the person may be sent to in their own browser, and only over https. */
export const EXTERNAL_HOSTS = [
  'www.interactivebrokers.com',
  'interactivebrokers.com',
  'www.ibkrguides.com',
  'console.anthropic.com',
  'docs.anthropic.com',
  'www.anthropic.com',
] as const;

export function isAllowedExternal(target: string): boolean {
  const url = parse(target);
  if (!url || url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  return (EXTERNAL_HOSTS as readonly string[]).includes(url.hostname);
}

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
