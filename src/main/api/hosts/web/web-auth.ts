import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Access control of the headless web host: one random token, kept in the data folder across
 * restarts (web-token-file.ts). The token
 * reaches the browser once, in the URL printed on the terminal; the first visit trades it
 * for an HttpOnly, SameSite=Strict cookie so that page scripts never see it and other
 * sites cannot make the browser send it.
 */
const AUTH_COOKIE_PREFIX = 'usp_console_token';

/**
 * Cookies are shared by every port of a host, so the name carries the port: two consoles on one
 * machine (e.g. 8777 and 8778) each keep their own (issue 9 #10).
 */
export function authCookieName(port: number): string {
  return `${AUTH_COOKIE_PREFIX}_${port}`;
}

/** 32 random bytes, URL-safe: long enough that guessing it is not an option. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time so response timing reveals nothing about the token. */
export function tokenMatches(expected: string, candidate: string | undefined | null): boolean {
  if (!candidate) return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(candidate, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Reads one cookie from the Cookie header; malformed pairs are ignored, not fatal. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    // Stryker disable next-line EqualityOperator: equivalent, `eq <= 0` differs only for a pair starting with '=', whose empty name never equals a cookie name
    if (eq < 0) continue;
    if (pair.slice(0, eq).trim() !== name) continue;
    const raw = pair.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The Set-Cookie value issued after a visit with a valid token. */
export function authCookieHeader(token: string, port: number): string {
  return `${authCookieName(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`;
}

/**
 * Where the token exchange sends the browser: always a path of this origin. A path that starts
 * with several slashes or a backslash (`/.//evil.com/` normalises to `//evil.com/`) would be read
 * by the browser as another host, so leading slashes and backslashes collapse to one (issue 9 #10).
 */
export function sameOriginLocation(url: URL): string {
  // Stryker disable next-line Regex: equivalent, an http(s) URL's pathname always starts with "/", so the first run of slashes is the leading one
  return `/${url.pathname.replace(/^[/\\]+/, '')}${url.search}`;
}

/** How a request proved (or failed to prove) that it comes from the person holding the token. */
export type AuthResult = 'query-token' | 'cookie' | 'none';

export function authenticate(req: IncomingMessage, url: URL, token: string, port: number): AuthResult {
  if (tokenMatches(token, url.searchParams.get('token'))) return 'query-token';
  if (tokenMatches(token, readCookie(req, authCookieName(port)))) return 'cookie';
  return 'none';
}

/**
 * A WebSocket upgrade is accepted only from our own page: browsers always send Origin on
 * WebSocket handshakes, and a page from any other site (including a DNS-rebound name,
 * which would not carry our cookie anyway) shows up here with a different origin.
 * Clients that are not browsers send no Origin; they still need the token.
 */
export function originAllowed(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  if (!host) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host.toLowerCase();
}
