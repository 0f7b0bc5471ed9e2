// The opaque paging cursor of GET /api/v1/jobs: the position (creation time, id) of the last job
// of a page in the list's order, so a page never repeats or skips a job while new ones arrive.

import { JobInputError } from './job-errors';

export interface JobPosition {
  createdAt: number;
  id: string;
}

export function encodeJobCursor(p: JobPosition): string {
  return Buffer.from(`${p.createdAt}:${p.id}`, 'utf8').toString('base64url');
}

export function decodeJobCursor(cursor: string): JobPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^(\d{1,16}):(.+)$/s.exec(text);
  if (!m || Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw new JobInputError(`before: "${cursor}" is not a cursor this API gave (use the "next" of a page)`);
  return { createdAt: Number(m[1]), id: m[2]! };
}
