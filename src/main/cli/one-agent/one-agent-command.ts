import type { CliCommand } from '../command';
import { defineCommand, type OptionSpecs, type OptionValues } from '../framework/define-command';
import { reportFailure, reportPathFailures, reportSessionError, type PathFailure } from '../framework/report-failure';
import { parseTransportOptions, TRANSPORT_OPTIONS, type TransportSettings } from '../transport-options';
import { openAgentSession, type AgentSession, type SessionOptions } from './agent-session';

/** What a command's request produced: the JSON for stdout and the per-path failures (exit 1). */
export interface CommandOutcome {
  result: unknown;
  failures: PathFailure[];
}

export interface OneAgentCommandSpec<P, O extends OptionSpecs> {
  name: string;
  summary: string;
  /** What follows `usp-console NAME`; the transport flags are listed by --help. */
  synopsis: string;
  description: string;
  options: O;
  /** Positional arguments (default none). */
  positionals?: { min?: number; max?: number; what: string };
  /** Checks the positionals and options before anything connects; throws CliUsageError. */
  prepare(positionals: string[], values: OptionValues<O>, settings: TransportSettings): P;
  /** The paths asked for, for an Error message that names none. */
  pathsOf?(prepared: P): string[];
  session?: (prepared: P) => SessionOptions;
  execute(session: AgentSession, prepared: P): Promise<CommandOutcome>;
}

/** The command's own flags plus the shared agent and transport flags (transport-options.ts). */
export function withTransportOptions<O extends OptionSpecs>(own: O): O & typeof TRANSPORT_OPTIONS {
  return { ...own, ...TRANSPORT_OPTIONS };
}

/**
 * A `usp-console` command that sends requests to one agent: arguments checked before connecting
 * (exit 2), the JSON result on stdout, per-path USP failures on stderr (exit 1), a USP Error
 * message exit 1, a timeout or transport failure exit 3.
 */
export function oneAgentCommand<P, O extends OptionSpecs>(spec: OneAgentCommandSpec<P, O>): CliCommand {
  return defineCommand({
    name: spec.name,
    summary: spec.summary,
    synopsis: spec.synopsis,
    description: spec.description,
    options: withTransportOptions(spec.options),
    ...(spec.positionals ? { positionals: spec.positionals } : {}),
    async run({ values, positionals, report }) {
      const settings = parseTransportOptions(values);
      const prepared = spec.prepare(positionals, values, settings);
      let session: AgentSession;
      try {
        session = await openAgentSession(settings, { onWarning: (message) => report.warn(message), ...spec.session?.(prepared) });
      } catch (error) {
        return reportSessionError(spec.name, error);
      }
      try {
        const outcome = await spec.execute(session, prepared);
        report.json(outcome.result);
        return reportPathFailures(spec.name, outcome.failures);
      } catch (error) {
        return reportFailure(spec.name, error, spec.pathsOf?.(prepared) ?? []);
      } finally {
        await session.close();
      }
    },
  });
}
