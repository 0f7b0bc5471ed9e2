import { CliUsageError } from './cli-errors';

/** The authority schemes an Endpoint ID may start with. */
const SCHEMES = ['oui', 'cid', 'pen', 'self', 'user', 'os', 'ops', 'uuid', 'imei', 'proto', 'doc', 'fqdn'];
/** R-ARC.5: RFC 3986 unreserved characters plus %HH escapes. */
const INSTANCE_ID = /^(?:[A-Za-z0-9._~-]|%[0-9A-Fa-f]{2})+$/;
const AUTHORITY_ID = /^[A-Za-z0-9._~-]*$/;
/** R-ARC.6 */
const MAX_INSTANCE_ID = 50;

/**
 * Checks an Endpoint ID given on the command line (`authority-scheme:[authority-id]:instance-id`,
 * R-ARC.5/R-ARC.6) before anything connects, so a typo is exit 2 at once rather than a request
 * that waits for --timeout; throws CliUsageError naming the flag.
 */
export function checkEndpointIdFlag(flag: string, value: string): string {
  const fail = (why: string): never => {
    throw new CliUsageError(`${flag} "${value}" is not a USP Endpoint ID (${why}; e.g. proto::agent-1, os::012345-0A1B2C3D4E5F)`);
  };
  const first = value.indexOf(':');
  const second = value.indexOf(':', first + 1);
  if (first <= 0 || second < 0) fail('expected authority-scheme:[authority-id]:instance-id');
  const scheme = value.slice(0, first);
  const authority = value.slice(first + 1, second);
  const instance = value.slice(second + 1);
  if (!SCHEMES.includes(scheme)) fail(`unknown authority scheme "${scheme}"; one of ${SCHEMES.join(', ')}`);
  if (!AUTHORITY_ID.test(authority)) fail('the authority-id may hold only letters, digits and - . _ ~');
  if (instance === '') fail('the instance-id is empty');
  if (instance.length > MAX_INSTANCE_ID) fail(`the instance-id is longer than ${MAX_INSTANCE_ID} characters`);
  if (!INSTANCE_ID.test(instance)) fail('the instance-id may hold only letters, digits, - . _ ~ and %HH escapes');
  return value;
}
