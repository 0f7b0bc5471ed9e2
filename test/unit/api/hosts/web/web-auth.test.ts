import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { authCookieHeader, authCookieName, authenticate, newAccessToken, originAllowed, readCookie, sameOriginLocation, tokenMatches } from '../../../../../src/main/api/hosts/web/web-auth';

const PORT = 8777;
const AUTH_COOKIE = authCookieName(PORT);

function request(headers: Record<string, string>): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

const TOKEN = 'k3Y_abcdefghijklmnopqrstuvwxyz0123456789ABCD';
const url = (query: string) => new URL(`http://127.0.0.1:8777/${query}`);

describe('tokenMatches', () => {
  it('accepts exactly the token', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
  });

  it('refuses a prefix, a suffix, a one-character change and nothing at all', () => {
    for (const candidate of [TOKEN.slice(0, -1), TOKEN.slice(1), `${TOKEN}x`, `x${TOKEN}`, `${TOKEN.slice(0, 10)}Z${TOKEN.slice(11)}`, '', undefined, null]) {
      expect(tokenMatches(TOKEN, candidate), String(candidate)).toBe(false);
    }
  });
});

describe('newAccessToken', () => {
  it('is 32 random bytes in base64url, different each time', () => {
    const a = newAccessToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newAccessToken()).not.toBe(a);
  });
});

describe('readCookie and authCookieHeader', () => {
  it('finds its cookie among others and decodes it', () => {
    expect(readCookie(request({ cookie: `a=1; ${AUTH_COOKIE}=x%2By ;b=2` }), AUTH_COOKIE)).toBe('x+y');
  });

  it('ignores malformed pairs, other names and names that only end like it', () => {
    expect(readCookie(request({ cookie: `junk; x${AUTH_COOKIE}=1; ${AUTH_COOKIE}x=2` }), AUTH_COOKIE)).toBeUndefined();
    // A pair without '=' is no cookie, even when all but its last character spell the name.
    expect(readCookie(request({ cookie: `${AUTH_COOKIE}X` }), AUTH_COOKIE)).toBeUndefined();
    expect(readCookie(request({}), AUTH_COOKIE)).toBeUndefined();
  });

  it('treats a cookie that does not decode as absent, without looking for a second one', () => {
    expect(readCookie(request({ cookie: `${AUTH_COOKIE}=%E0%A4%A` }), AUTH_COOKIE)).toBeUndefined();
    expect(readCookie(request({ cookie: `${AUTH_COOKIE}=%E0%A4%A; ${AUTH_COOKIE}=second` }), AUTH_COOKIE)).toBeUndefined();
  });

  it('issues an HttpOnly, SameSite=Strict cookie for the whole site', () => {
    // The name is part of the contract with browsers that already hold the cookie.
    expect(authCookieHeader('a+b', PORT)).toBe('usp_console_token_8777=a%2Bb; HttpOnly; SameSite=Strict; Path=/');
  });
});

describe('authenticate', () => {
  it('knows the query token first, then the cookie', () => {
    expect(authenticate(request({ cookie: `${AUTH_COOKIE}=${TOKEN}` }), url(`?token=${TOKEN}`), TOKEN, PORT)).toBe('query-token');
    expect(authenticate(request({ cookie: `${AUTH_COOKIE}=${TOKEN}` }), url(''), TOKEN, PORT)).toBe('cookie');
  });

  it('refuses near-miss tokens in the query and in the cookie', () => {
    for (const wrong of [TOKEN.slice(0, -1), `${TOKEN}A`, `B${TOKEN.slice(1)}`]) {
      expect(authenticate(request({ cookie: `${AUTH_COOKIE}=${wrong}` }), url(`?token=${wrong}`), TOKEN, PORT)).toBe('none');
    }
    expect(authenticate(request({}), url(''), TOKEN, PORT)).toBe('none');
  });
});

describe('originAllowed', () => {
  const host = '127.0.0.1:8777';

  it('accepts our own page and clients that send no Origin', () => {
    expect(originAllowed(request({ host, origin: 'http://127.0.0.1:8777' }))).toBe(true);
    expect(originAllowed(request({ host: 'LOCALHOST:8777', origin: 'https://localhost:8777' }))).toBe(true);
    expect(originAllowed(request({ host }))).toBe(true);
  });

  it('refuses the same host on another port, another host, other schemes and garbage', () => {
    for (const origin of ['http://127.0.0.1:8778', 'http://127.0.0.1', 'http://localhost:8777', 'http://127.0.0.1.evil:8777', 'file://127.0.0.1:8777', 'null', 'ws://127.0.0.1:8777']) {
      expect(originAllowed(request({ host, origin })), origin).toBe(false);
    }
  });

  it('refuses an Origin when the request names no Host', () => {
    expect(originAllowed(request({ origin: 'http://127.0.0.1:8777' }))).toBe(false);
  });
});

describe('sameOriginLocation', () => {
  const at = (path: string): string => sameOriginLocation(new URL(`http://127.0.0.1:8777${path}`));

  it('keeps the path and query of this origin', () => {
    expect(at('/')).toBe('/');
    expect(at('/a//b?x=1&token=t')).toBe('/a//b?x=1&token=t');
  });

  it('never sends the browser to another host (leading slashes and backslashes collapse to one)', () => {
    expect(at('/.//evil.com/?token=t')).toBe('/evil.com/?token=t');
    expect(at('/\\\\evil.com/x')).toBe('/evil.com/x');
    expect(at('////evil.com')).toBe('/evil.com');
  });
});
