import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CliCommand } from '../command';
import { CliUsageError, parseTransportOptions, TRANSPORT_OPTIONS, TRANSPORT_USAGE, type TransportSettings } from '../transport-options';
import { openAgentSession, type AgentSession, type SessionOptions } from './agent-session';
import { EXIT, reportError, reportSessionError, reportPathFailures, type PathFailure } from './cli-failures';
import { printable } from '../../../shared/endpoint-id';

type OwnOptions = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

/** What a command's request produced: the JSON for stdout and the per-path failures (exit 1). */
export interface CommandOutcome {
  result: unknown;
  failures: PathFailure[];
}

export interface OneAgentCommandSpec<P> {
  name: string;
  summary: string;
  /** Synopsis and description; the transport flags are appended. */
  usage: string;
  options?: OwnOptions;
  /** Checks the positionals and options before anything connects; throws CliUsageError. */
  prepare(positionals: string[], values: OptionValues, settings: TransportSettings): P;
  /** The paths asked for, for an Error message that names none. */
  pathsOf?(prepared: P): string[];
  session?: (prepared: P) => SessionOptions;
  execute(session: AgentSession, prepared: P): Promise<CommandOutcome>;
}

/** Parses `argv` into the shared transport settings, the command's own values and positionals. */
export function parseOneAgentArgs(argv: string[], own: OwnOptions = {}): { settings: TransportSettings; values: OptionValues; positionals: string[] } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...TRANSPORT_OPTIONS, ...own, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values as OptionValues;
  if (values.help === true) return 'help';
  const transportValues = Object.fromEntries(Object.keys(TRANSPORT_OPTIONS).map((k) => [k, typeof values[k] === 'string' ? values[k] : undefined]));
  return { settings: parseTransportOptions(transportValues), values, positionals: parsed.positionals };
}

/**
 * A `usp-console` command that sends requests to one agent: arguments checked before connecting
 * (exit 2), the JSON result on stdout, per-path USP failures on stderr (exit 1), a USP Error
 * message exit 1, a timeout or transport failure exit 3.
 */
export function oneAgentCommand<P>(spec: OneAgentCommandSpec<P>): CliCommand {
  const usage = `${spec.usage}\n\n${TRANSPORT_USAGE}`;
  return {
    name: spec.name,
    summary: spec.summary,
    async run(argv) {
      let settings: TransportSettings;
      let prepared: P;
      try {
        const parsed = parseOneAgentArgs(argv, spec.options);
        if (parsed === 'help') {
          process.stdout.write(`${usage}\n`);
          return EXIT.ok;
        }
        settings = parsed.settings;
        prepared = spec.prepare(parsed.positionals, parsed.values, settings);
      } catch (error) {
        return reportError(spec.name, error);
      }
      let session: AgentSession;
      try {
        session = await openAgentSession(settings, {
          onWarning: (message) => process.stderr.write(`usp-console ${spec.name}: warning: ${printable(message, 2_000)}\n`),
          ...spec.session?.(prepared),
        });
      } catch (error) {
        return reportSessionError(spec.name, error);
      }
      try {
        const outcome = await spec.execute(session, prepared);
        process.stdout.write(`${JSON.stringify(outcome.result, null, 2)}\n`);
        return reportPathFailures(spec.name, outcome.failures);
      } catch (error) {
        return reportError(spec.name, error, spec.pathsOf?.(prepared) ?? []);
      } finally {
        await session.close();
      }
    },
  };
}
