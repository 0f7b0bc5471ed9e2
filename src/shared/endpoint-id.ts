/**
 * The Endpoint ID grammar (TR-369 R-ARC.5/6):
 * `authority-scheme ":" [authority-id] ":" instance-id`. Every Endpoint ID that arrives from the
 * network is checked against it, so control characters, escapes and megabyte-long names never
 * reach the registry, the store or a terminal.
 */

/** The longest instance-id the spec allows (R-ARC.6). */
export const MAX_INSTANCE_ID_LENGTH = 50;

// Stryker disable next-line Regex: equivalent, every authority-id pattern below is anchored and admits only unreserved characters, so it decides alone
const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
/** RFC 3986 unreserved characters plus %HH escapes (R-ARC.5). */
const INSTANCE_ID = /^(?:[A-Za-z0-9\-._~]|%[0-9A-Fa-f]{2})+$/;

/** Per authority scheme: what its authority-id may be (null: it must be empty). */
const AUTHORITY_ID: Record<string, { pattern: RegExp; what: string } | null> = {
  oui: { pattern: /^(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{7}|[0-9A-Fa-f]{9})$/, what: 'an IEEE OUI (6, 7 or 9 hex digits)' },
  cid: { pattern: /^[0-9A-Fa-f]{6}$/, what: 'an IEEE CID (6 hex digits)' },
  pen: { pattern: /^[0-9]{1,10}$/, what: 'an IANA Private Enterprise Number' },
  self: { pattern: /^[A-Za-z0-9\-._~]{0,6}$/, what: '0-6 unreserved characters' },
  user: { pattern: /^[A-Za-z0-9\-._~]{0,6}$/, what: '0-6 unreserved characters' },
  proto: { pattern: /^[A-Za-z0-9\-_~]{0,6}$/, what: '0-6 unreserved characters other than "."' },
  doc: { pattern: /^[A-Za-z0-9\-._~]{0,6}$/, what: '0-6 unreserved characters' },
  os: null,
  ops: null,
  uuid: null,
  imei: null,
  fqdn: null,
};

/** Why `endpointId` is not a valid Endpoint ID, or null when it is. The text never echoes the raw value. */
export function endpointIdProblem(endpointId: string): string | null {
  if (endpointId.length === 0) return 'the Endpoint ID is empty';
  const first = endpointId.indexOf(':');
  // Stryker disable next-line ConditionalExpression: equivalent, with no colon at all indexOf(':', 0) is -1 too
  const second = first < 0 ? -1 : endpointId.indexOf(':', first + 1);
  // Stryker disable next-line EqualityOperator: equivalent, a second colon found after the first is never at index 0
  if (second < 0) return 'an Endpoint ID is authority-scheme:[authority-id]:instance-id (two colons)';
  const scheme = endpointId.slice(0, first);
  const authority = endpointId.slice(first + 1, second);
  const instance = endpointId.slice(second + 1);
  if (!Object.hasOwn(AUTHORITY_ID, scheme)) return `unknown authority scheme (one of ${Object.keys(AUTHORITY_ID).join(', ')})`;
  const rule = AUTHORITY_ID[scheme];
  if (rule === null || rule === undefined) {
    if (authority !== '') return `the ${scheme} scheme has an empty authority-id`;
  } else if (!UNRESERVED.test(authority) || !rule.pattern.test(authority)) {
    return `the authority-id of the ${scheme} scheme is ${rule.what}`;
  }
  if (instance.length === 0) return 'the instance-id is empty';
  if (instance.length > MAX_INSTANCE_ID_LENGTH) return `the instance-id is longer than ${MAX_INSTANCE_ID_LENGTH} characters (R-ARC.6)`;
  if (!INSTANCE_ID.test(instance)) return 'the instance-id may hold only A-Z a-z 0-9 - . _ ~ and %HH escapes (R-ARC.5)';
  return null;
}

export function isValidEndpointId(endpointId: string): boolean {
  return endpointIdProblem(endpointId) === null;
}

/**
 * A value from the network made safe to print on a terminal or in a log: control characters
 * (C0, DEL, C1, which carry terminal escape sequences) become \\xHH or \\u{H}, and long text is cut.
 */
export function printable(text: string, maxLength = 300): string {
  const cut = text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    const code = ch.charCodeAt(0);
    // Stryker disable next-line EqualityOperator: equivalent, U+00FF is not in the class above, so code is never 0xff here
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
  });
}
