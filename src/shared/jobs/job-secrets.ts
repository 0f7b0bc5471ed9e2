// Secrets a job carries: a firmware image server's password (as `password` or in the URL's user
// info), and the values of secret parameters (a Set's KeyPassphrase, an Add's or an Operate's
// Password, what the reference flags secured). The engine keeps the stored job whole (a resumed
// or retried step sends them again); everything that leaves it (job details, the preview,
// rollback plans, reports, events, the audit log) shows them as REDACTED. Which parameter is
// secret is decided in src/main (services/jobs/job-secret-paths.ts: the snapshot export's rule)
// and handed in here as an IsSecretPath.

import type { JobFile, JobOperation } from './job-file';
import type { JobStep, PathValues } from './job-model';
import type { AgentPreview, PreviewItem } from './preview';

export const REDACTED = '********';

/** Whether a parameter (full path, or a template of one) holds a secret. */
export type IsSecretPath = (paramPath: string) => boolean;

const NOTHING_SECRET: IsSecretPath = () => false;

/** `scheme://user:password@host…`: the password as written. */
const URL_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:([^/?#@]*)@/i;

/**
 * The parameter a value of the operation is written to, as a path the rule can judge: a Set's
 * key is one; an Add's is relative to the new instance (`Device.X.{i}.Name`); an Operate's is
 * an input argument of the command (`Device.X.Download().Password`).
 */
function valuePath(op: JobOperation, key: string): string {
  if (op.kind === 'add') return `${op.object}{i}.${key}`;
  if (op.kind === 'operate') return `${op.command}.${key}`;
  return key;
}

/** The operation's values by key (set and add params, operate args); null for the other kinds. */
function operationValues(op: JobOperation): Record<string, string> | null {
  if (op.kind === 'set' || op.kind === 'add') return op.params;
  if (op.kind === 'operate') return op.args;
  return null;
}

/**
 * The secret strings of an operation, as written (and a URL password percent-decoded), longest
 * first, empty ones left out: the firmware passwords, and the values of secret parameters.
 */
export function jobSecrets(op: JobOperation, isSecret: IsSecretPath = NOTHING_SECRET): string[] {
  const secrets: (string | undefined)[] = [];
  if (op.kind === 'firmware') {
    const written = URL_PASSWORD.exec(op.url)?.[1];
    secrets.push(op.password, written, written === undefined ? undefined : safeDecode(written));
  }
  const values = operationValues(op);
  if (values) for (const [key, value] of Object.entries(values)) if (isSecret(valuePath(op, key))) secrets.push(value);
  return distinctSecrets(secrets);
}

/** The values of `values` (by full path) that are secret. */
export function secretValues(values: PathValues | null, isSecret: IsSecretPath): string[] {
  return values ? Object.entries(values).flatMap(([path, value]) => (isSecret(path) ? [value] : [])) : [];
}

/** Non-empty, distinct, longest first (a secret that contains another is replaced whole). */
export function distinctSecrets(secrets: readonly (string | null | undefined)[]): string[] {
  return [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s !== '' && s !== REDACTED))].sort((a, b) => b.length - a.length);
}

/**
 * The job file as it may be shown: the firmware password and the URL's password, and the
 * values of secret parameters (set and add params, operate args), replaced by REDACTED.
 */
export function redactJobFile(file: JobFile, isSecret: IsSecretPath = NOTHING_SECRET): JobFile {
  const op = file.operation;
  if (op.kind === 'firmware') {
    const written = URL_PASSWORD.exec(op.url)?.[1];
    const url = written === undefined || written === '' ? op.url : op.url.replace(`:${written}@`, `:${REDACTED}@`);
    return { ...file, operation: { ...op, url, ...(op.password !== undefined ? { password: REDACTED } : {}) } };
  }
  const values = operationValues(op);
  if (!values) return file;
  const shown = redactByKey(values, (key) => isSecret(valuePath(op, key)));
  if (shown === values) return file;
  return { ...file, operation: op.kind === 'operate' ? { ...op, args: shown } : { ...op, params: shown } } as JobFile;
}

/** Values by full path with the secret ones replaced by REDACTED (the same object when none is). */
export function redactValues<T extends PathValues | null>(values: T, isSecret: IsSecretPath): T {
  return values === null ? values : (redactByKey(values, isSecret) as T);
}

/** A step as it may be shown: the secret values of its plan, expected, before and after redacted. */
export function redactStep(step: JobStep, isSecret: IsSecretPath): JobStep {
  const plan = redactValues(step.plan, isSecret);
  const expected = redactValues(step.expected, isSecret);
  const before = redactValues(step.before, isSecret);
  const after = redactValues(step.after, isSecret);
  if (plan === step.plan && expected === step.expected && before === step.before && after === step.after) return step;
  return { ...step, plan, expected, before, after };
}

/**
 * An agent's preview as it may be shown: a secret parameter's current and next values (an Add's
 * secret params inside its `next`) redacted, and so is a message that quotes them.
 */
export function redactAgentPreview(preview: AgentPreview, op: JobOperation, isSecret: IsSecretPath): AgentPreview {
  const items = preview.items.map((item) => redactPreviewItem(item, op, isSecret));
  return items.every((item, i) => item === preview.items[i]) ? preview : { ...preview, items };
}

function redactPreviewItem(item: PreviewItem, op: JobOperation, isSecret: IsSecretPath): PreviewItem {
  if (op.kind === 'add') {
    if (item.next === null) return item;
    const values = JSON.parse(item.next) as Record<string, string>;
    const shown = redactByKey(values, (key) => isSecret(valuePath(op, key)));
    if (shown === values) return item;
    const secrets = distinctSecrets(Object.keys(values).filter((k) => shown[k] !== values[k]).map((k) => values[k]));
    return { ...item, next: JSON.stringify(shown), ...(item.message === undefined ? {} : { message: redactSecrets(item.message, secrets) }) };
  }
  if ((op.kind !== 'set' && op.kind !== 'get') || (item.current === null && item.next === null) || !isSecret(item.path)) return item;
  const secrets = distinctSecrets([item.current, item.next]);
  return {
    ...item,
    current: item.current === null ? null : REDACTED,
    next: item.next === null ? null : REDACTED,
    ...(item.message === undefined ? {} : { message: redactSecrets(item.message, secrets) }),
  };
}

/** `text` with every secret replaced by REDACTED (an agent's error message may quote the URL or a value). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, secret) => t.split(secret).join(REDACTED), text);
}

function redactByKey(values: Record<string, string>, isSecret: (key: string) => boolean): Record<string, string> {
  const secret = Object.keys(values).filter((key) => isSecret(key));
  if (secret.length === 0) return values;
  const shown = { ...values };
  for (const key of secret) shown[key] = REDACTED;
  return shown;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
