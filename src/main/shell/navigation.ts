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

export { EXTERNAL_HOSTS, isAllowedExternal } from '../../shared/external-links';

function parse(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
