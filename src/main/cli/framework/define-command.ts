import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { CliUsageError } from './cli-errors';
import { reportFailure } from './report-failure';
import { reporter, type Reporter } from './reporter';

/** One flag, declared once: parsing, `--help` and the usage errors all come from this. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** Placeholder for the value in --help (`N`, `DIR`, `URL`). */
  value?: string;
  help: string;
  /** Applied when the flag is absent, and shown in --help. */
  default?: string;
  /** Heading it is listed under in --help (default "options"). */
  group?: string;
  /** Older spellings still accepted, e.g. `username` for `mqtt-username`. */
  aliases?: readonly string[];
}

export type OptionSpecs = Record<string, OptionSpec>;

type ValueOf<S> = S extends { type: 'boolean' } ? (S extends { multiple: true } ? boolean[] : boolean) : S extends { multiple: true } ? string[] : string;
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: ValueOf<O[K]> };

export interface CommandContext<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
  report: Reporter;
}

export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  summary: string;
  /** What follows `usp-console NAME` on the usage line. */
  synopsis: string;
  description: string;
  options: O;
  /** Positional arguments allowed (default none); fewer or more is a usage error. */
  positionals?: { min?: number; max?: number; what: string };
  run(context: CommandContext<O>): Promise<number> | number;
}

const HELP: OptionSpec = { type: 'boolean', short: 'h', help: 'show this help', group: '' };
const FLAG_COLUMN = 30;

function flagText(name: string, spec: OptionSpec): string {
  const value = spec.type === 'string' ? ` ${spec.value ?? 'VALUE'}` : '';
  return `${spec.short ? `-${spec.short}, ` : ''}--${name}${value}${spec.multiple ? ' …' : ''}`;
}

/** The whole --help text: usage line, description, then the flags by group. */
export function helpText(spec: CommandSpec<OptionSpecs>): string {
  const groups = new Map<string, string[]>();
  for (const [name, option] of Object.entries({ ...spec.options, help: HELP })) {
    const flag = `  ${flagText(name, option)}`;
    const extra = [option.default !== undefined ? `default ${option.default}` : '', option.aliases?.length ? `also ${option.aliases.map((a) => `--${a}`).join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    const help = `${option.help}${extra ? ` (${extra})` : ''}`;
    const line = flag.length < FLAG_COLUMN ? `${flag.padEnd(FLAG_COLUMN)}${help}` : `${flag}\n${' '.repeat(FLAG_COLUMN)}${help}`;
    const group = option.group ?? 'options';
    groups.set(group, [...(groups.get(group) ?? []), line]);
  }
  const sections = [...groups].map(([title, lines]) => (title ? `${title}:\n${lines.join('\n')}` : lines.join('\n')));
  return [`usage: usp-console ${spec.name} ${spec.synopsis}`, spec.description, ...sections].join('\n\n');
}

/** node:util's messages are several sentences; the first one names the problem. */
function parseErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = /^.*?[.](?=\s|$)/.exec(text)?.[0] ?? text;
  return first.replace(/\.$/, '').replace(/^Unknown option/, 'unknown option');
}

type Parsed = { values: Record<string, string | boolean | (string | boolean)[] | undefined>; positionals: string[] };

function parse(spec: CommandSpec<OptionSpecs>, argv: string[]): Parsed {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string; default?: string }> = {};
  for (const [name, o] of Object.entries({ ...spec.options, help: HELP })) {
    options[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
    for (const alias of o.aliases ?? []) options[alias] = { type: o.type, ...(o.multiple ? { multiple: true } : {}) };
  }
  const max = spec.positionals?.max ?? (spec.positionals ? Infinity : 0);
  let parsed: Parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: max > 0, strict: true }) as Parsed;
  } catch (error) {
    throw new CliUsageError(parseErrorText(error));
  }
  const values = { ...parsed.values };
  for (const [name, o] of Object.entries(spec.options)) {
    for (const alias of o.aliases ?? []) {
      if (values[alias] === undefined) continue;
      if (values[name] !== undefined) throw new CliUsageError(`give --${name} or --${alias}, not both`);
      values[name] = values[alias];
      delete values[alias];
    }
    if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
  }
  return { values, positionals: parsed.positionals };
}

function checkPositionals(spec: CommandSpec<OptionSpecs>, positionals: string[]): void {
  const p = spec.positionals;
  if (!p) return;
  if (positionals.length < (p.min ?? 0)) throw new CliUsageError(`give ${p.what}`);
  if (positionals.length > (p.max ?? Infinity)) throw new CliUsageError(`expects ${p.what}, not "${positionals.join(' ')}"`);
}

/**
 * A `usp-console` command built from its declaration: flags parsed strictly, `--help` from the
 * declaration, a usage error as one line on stderr and exit 2, any failure as one line (never
 * a stack trace) with its named exit code (exit-codes.ts).
 */
export function defineCommand<O extends OptionSpecs>(spec: CommandSpec<O>): CliCommand {
  const general = spec as unknown as CommandSpec<OptionSpecs>;
  return {
    name: spec.name,
    summary: spec.summary,
    async run(argv) {
      const report = reporter(spec.name);
      try {
        const { values, positionals } = parse(general, argv);
        if (values.help === true) {
          process.stdout.write(`${helpText(general)}\n`);
          return 0;
        }
        checkPositionals(general, positionals);
        return await spec.run({ values: values as OptionValues<O>, positionals, report });
      } catch (error) {
        return reportFailure(spec.name, error);
      }
    },
  };
}
