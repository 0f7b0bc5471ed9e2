import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { JobDetail, JobSummary } from '../../../shared/jobs/job-model';
import type { CliCommand } from '../command';
import { ConsoleHttpError, ConsoleUnreachableError, consoleClient, type ConsoleClient } from '../jobs/console-client';
import { errorText, fail } from './record-io';

const USAGE = `usage: usp-console job preview FILE [--refresh]
       usp-console job run FILE
       usp-console job list
       usp-console job show ID
       usp-console job pause|resume|cancel|rollback ID
       usp-console job retry ID [--code CODE]
       usp-console job report ID [--format json|csv]
  each with --console URL (the address usp-console serve prints, token included) or USP_CONSOLE_URL

Bulk jobs through a running console's automation API. FILE is a job file (docs/jobs.md).
Output is JSON on stdout (CSV for report --format csv). "job run" starts the job and waits for
it, with a progress bar on stderr when that is a terminal.
Exit codes: 0 every step succeeded (or the action was done), 1 some steps failed or the job
paused, 2 bad arguments or a refused request, 3 the console cannot be reached.`;

const ACTIONS = ['pause', 'resume', 'cancel', 'rollback', 'retry'] as const;

export const jobCommand: CliCommand = {
  name: 'job',
  summary: 'preview, run and control bulk jobs on a running console (usp-console serve)',
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          console: { type: 'string' },
          refresh: { type: 'boolean' },
          code: { type: 'string' },
          format: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      });
    } catch (err) {
      return fail('job', `${errorText(err)} (see usp-console job --help)`, 2);
    }
    const { values, positionals } = parsed;
    if (values.help || positionals.length === 0) {
      process.stdout.write(`${USAGE}\n`);
      return values.help ? 0 : 2;
    }
    const [sub, arg, ...extra] = positionals;
    const needsArg = sub !== 'list';
    if ((needsArg && !arg) || extra.length > 0 || (!needsArg && arg)) return fail('job', `wrong arguments for "job ${sub}" (see usp-console job --help)`, 2);
    const url = values.console ?? process.env.USP_CONSOLE_URL;
    if (!url) return fail('job', 'give --console URL (the address usp-console serve prints) or set USP_CONSOLE_URL', 2);
    if (values.format !== undefined && !['json', 'csv'].includes(values.format)) return fail('job', '--format is json or csv', 2);
    try {
      const client = consoleClient(url);
      return await runSub(client, sub!, arg ?? '', values);
    } catch (err) {
      if (err instanceof ConsoleUnreachableError) return fail('job', err.message, 3);
      if (err instanceof ConsoleHttpError) return fail('job', `${err.code}: ${err.message}`, 2);
      return fail('job', errorText(err), 2);
    }
  },
};

async function runSub(client: ConsoleClient, sub: string, arg: string, values: { refresh?: boolean; code?: string; format?: string }): Promise<number> {
  const out = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
  const id = encodeURIComponent(arg);
  switch (sub) {
    case 'preview':
      out(await client.request('POST', `/jobs/preview${values.refresh ? '?refresh=true' : ''}`, await readJobFile(arg)));
      return 0;
    case 'run':
      return runJob(client, await readJobFile(arg));
    case 'list':
      out(await client.request('GET', '/jobs'));
      return 0;
    case 'show':
      out(await client.request<JobDetail>('GET', `/jobs/${id}`));
      return 0;
    case 'report':
      if (values.format === 'csv') process.stdout.write(await client.text(`/jobs/${id}/report?format=csv`));
      else out(await client.request('GET', `/jobs/${id}/report?format=json`));
      return 0;
    default:
      if (!(ACTIONS as readonly string[]).includes(sub)) throw new ConsoleHttpError(0, 'usage', `unknown job sub-command "${sub}" (see usp-console job --help)`);
      out(await client.request('POST', `/jobs/${id}/${sub}`, sub === 'retry' && values.code ? { errorCode: values.code } : undefined));
      return 0;
  }
}

async function readJobFile(file: string): Promise<unknown> {
  const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConsoleHttpError(0, 'invalid-json', `${file} is not JSON: ${errorText(err)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the job and waits (long polls) until it finishes or pauses. */
async function runJob(client: ConsoleClient, file: unknown): Promise<number> {
  let job = await client.request<JobSummary>('POST', '/jobs', file);
  process.stderr.write(`job ${job.id}: ${job.total} agents\n`);
  const tty = process.stderr.isTTY === true;
  while (job.state === 'running' || job.state === 'scheduled') {
    job = await client.request<JobSummary>('GET', `/jobs/${encodeURIComponent(job.id)}/settled?timeoutMs=${tty ? 500 : 25_000}`);
    if (tty) drawProgress(job);
  }
  if (tty) process.stderr.write('\n');
  process.stdout.write(`${JSON.stringify(job, null, 2)}\n`);
  if (job.state === 'paused') process.stderr.write(`job ${job.id} paused: ${job.pauseReason ?? ''}\n`);
  return job.state === 'succeeded' ? 0 : 1;
}

function drawProgress(job: JobSummary): void {
  const c = job.counts;
  const done = c.succeeded + c.failed + c.skipped + c.cancelled + c.expired;
  const width = 30;
  const filled = job.total ? Math.round((done / job.total) * width) : 0;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${job.total} ok ${c.succeeded + c.skipped} failed ${c.failed + c.expired} waiting ${c['waiting-offline']}\u001b[K`);
}
