/**
 * WebSocket handshake details of the USP binding: the `v1.usp` subprotocol,
 * the client's Endpoint ID in the `eid` query, and the deprecated
 * `Sec-WebSocket-Extensions: bbf-usp-protocol; eid="…"` header.
 */
export const USP_SUBPROTOCOL = 'v1.usp';
export const USP_EXTENSION = 'bbf-usp-protocol';

/**
 * Percent-encodes an Endpoint ID for the `eid` query the way obuspa does: every byte
 * outside A-Za-z0-9-._~ becomes %XX (upper-case), which also satisfies R-WS.10c
 * (`%` → `%25`).
 */
export function encodeEidQuery(endpointId: string): string {
  let out = '';
  for (const byte of Buffer.from(endpointId, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The `eid` query parameter, percent-decoded (R-WS.10b/c). Only %XX sequences are
 * decoded: the EID is opaque, so a literal `+` stays a `+` (URLSearchParams would make it
 * a space). Empty or absent → undefined.
 */
export function eidFromQuery(search: string): string | undefined {
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair.startsWith('eid=')) continue;
    const raw = pair.slice(4);
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      value = raw;
    }
    return value === '' ? undefined : value;
  }
  return undefined;
}

/** One extension offer/response: its name and parameters (quotes removed). */
export interface ExtensionOffer {
  name: string;
  params: Map<string, string>;
  /** The offer's text as it appeared in the header. */
  raw: string;
}

/** Splits a Sec-WebSocket-Extensions value on commas/semicolons outside quoted strings. */
export function parseExtensions(header: string): ExtensionOffer[] {
  const offers: ExtensionOffer[] = [];
  for (const raw of splitOutsideQuotes(header, ',')) {
    const parts = splitOutsideQuotes(raw, ';').map((p) => p.trim());
    const name = parts.shift();
    if (name === undefined || name === '') continue;
    const params = new Map<string, string>();
    for (const part of parts) {
      const eq = part.indexOf('=');
      if (eq < 0) params.set(part.toLowerCase(), '');
      else params.set(part.slice(0, eq).trim().toLowerCase(), unquote(part.slice(eq + 1).trim()));
    }
    offers.push({ name: name.toLowerCase(), params, raw: raw.trim() });
  }
  return offers;
}

/** The `eid` of a bbf-usp-protocol extension in the header, if any. */
export function extensionEid(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const offer = parseExtensions(header).find((o) => o.name === USP_EXTENSION);
  const eid = offer?.params.get('eid');
  return eid === undefined || eid === '' ? undefined : eid;
}

/** The header value a USP server sends back with its own Endpoint ID (R-WS.11a). */
export function formatExtension(endpointId: string): string {
  return `${USP_EXTENSION}; eid="${endpointId.replace(/["\\]/g, '\\$&')}"`;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return value;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '\\' && quoted && i + 1 < text.length) {
      current += ch + (text[i + 1] as string);
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}
