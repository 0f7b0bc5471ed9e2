// Secrets a job file carries (a firmware image server's password, as `password` or in the URL's
// user info). The engine keeps the stored file whole (a resumed or retried step sends them again);
// everything that leaves it (job details, reports, events, the audit log) shows them redacted.

import type { JobFile, JobOperation } from './job-file';

export const REDACTED = '********';

/** `scheme://user:password@host…`: the password as written. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#@]*)@/i;

/** The secret strings of an operation, as written and percent-decoded, longest first (empty ones left out). */
export function jobSecrets(op: JobOperation): string[] {
  if (op.kind !== 'firmware') return [];
  const written = URL_PASSWORD.exec(op.url)?.[1];
  const secrets = [op.password, written, written === undefined ? undefined : safeDecode(written)];
  return [...new Set(secrets.filter((s): s is string => s !== undefined && s !== ''))].sort((a, b) => b.length - a.length);
}

/** The job file as it may be shown: the password and the URL's password replaced by REDACTED. */
export function redactJobFile(file: JobFile): JobFile {
  const op = file.operation;
  if (op.kind !== 'firmware') return file;
  const written = URL_PASSWORD.exec(op.url)?.[1];
  const url = written === undefined || written === '' ? op.url : op.url.replace(`:${written}@`, `:${REDACTED}@`);
  return { ...file, operation: { ...op, url, ...(op.password !== undefined ? { password: REDACTED } : {}) } };
}

/** `text` with every secret replaced by REDACTED (an agent's error message may quote the URL). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, secret) => t.split(secret).join(REDACTED), text);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
