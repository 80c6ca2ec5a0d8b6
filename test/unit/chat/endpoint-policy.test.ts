import { describe, expect, it } from 'vitest';
import { judgeEndpoint } from '../../../src/main/chat/endpoint-policy';

const dev = { packaged: false };
const packaged = { packaged: true };

describe('where the API key may be sent', () => {
  it('the default and Anthropic’s own https API need no confirmation', () => {
    expect(judgeEndpoint(undefined, packaged)).toEqual({ ok: true, host: 'api.anthropic.com', anthropic: true });
    expect(judgeEndpoint('https://api.anthropic.com', packaged)).toEqual({ ok: true, host: 'api.anthropic.com', anthropic: true });
  });

  it('any other https host is allowed only as a host to confirm, named with its port', () => {
    expect(judgeEndpoint('https://proxy.example.com:8443/v1', packaged)).toEqual({ ok: true, host: 'proxy.example.com:8443', anthropic: false });
    expect(judgeEndpoint('https://api.anthropic.com.evil.example/', packaged)).toMatchObject({ ok: true, anthropic: false });
  });

  it('plain http goes to loopback only, and never from a packaged build', () => {
    expect(judgeEndpoint('http://127.0.0.1:8080', dev)).toEqual({ ok: true, host: '127.0.0.1:8080', anthropic: false });
    expect(judgeEndpoint('http://[::1]:8080', dev)).toMatchObject({ ok: true, anthropic: false });
    expect(judgeEndpoint('http://localhost:8080', dev)).toMatchObject({ ok: true, anthropic: false });
    expect(judgeEndpoint('http://127.0.0.1:8080', packaged)).toMatchObject({ ok: false, reason: expect.stringContaining('development only') });
    expect(judgeEndpoint('http://api.anthropic.com', dev)).toMatchObject({ ok: false, reason: expect.stringContaining('only sent over https') });
    expect(judgeEndpoint('http://127.0.0.1.example.com', dev)).toMatchObject({ ok: false });
  });

  it('refuses other schemes, credentials in the address and what is not a URL', () => {
    expect(judgeEndpoint('ftp://example.com', dev)).toMatchObject({ ok: false });
    expect(judgeEndpoint('https://user:pw@proxy.example.com', dev)).toMatchObject({ ok: false });
    expect(judgeEndpoint('not a url', dev)).toMatchObject({ ok: false });
  });
});
