/**
 * Where the Anthropic API key may be sent. The key goes only to an https
 * endpoint; plain http only to this machine's loopback, and only outside a
 * packaged build (a local proxy while developing). Any host other than
 * Anthropic's own needs the person's confirmation, given in a dialog main
 * shows, because the endpoint can be changed through the contract and a
 * compromised renderer must not be able to redirect the key.
 */

export const anthropicHost = 'api.anthropic.com';

export interface EndpointRules {
  /** A packaged build never sends the key over plain http, not even to loopback. */
  packaged: boolean;
}

export type EndpointJudgement =
  | {
      ok: true;
      /** host[:port], as the confirmation dialog names it and as the key is bound to. */
      host: string;
      /** Anthropic's own API: no confirmation needed. */
      anthropic: boolean;
    }
  | { ok: false; reason: string };

function isLoopback(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** `undefined` is the SDK's default endpoint, Anthropic's API. */
export function judgeEndpoint(baseURL: string | undefined, rules: EndpointRules): EndpointJudgement {
  if (baseURL === undefined) return { ok: true, host: anthropicHost, anthropic: true };
  let url: URL;
  try {
    url = new URL(baseURL);
  } catch {
    return { ok: false, reason: `"${baseURL.slice(0, 100)}" is not a URL.` };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, reason: 'An endpoint may not carry a user name or password in its address.' };
  if (url.protocol === 'http:') {
    if (!isLoopback(url.hostname)) {
      return { ok: false, reason: `The key is only sent over https; ${url.host} was given with plain http, which anyone on the network could read.` };
    }
    if (rules.packaged) return { ok: false, reason: 'Plain http to this machine is for development only; this build sends the key over https only.' };
  } else if (url.protocol !== 'https:') {
    return { ok: false, reason: `The key is only sent over https, not ${url.protocol.replace(':', '')}.` };
  }
  const host = url.host.toLowerCase();
  return { ok: true, host, anthropic: url.protocol === 'https:' && host === anthropicHost };
}

/** Asked before the key may go to a host other than Anthropic's: main shows it (a native dialog in the app). */
export type EndpointConfirmer = (request: { host: string; url: string }) => Promise<boolean>;
