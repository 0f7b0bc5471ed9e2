import { RequestTimeoutError } from '../../controller';
import type { CliCommand } from '../command';
import { openAgentSession, type AgentSession } from '../one-agent/agent-session';
import { checkPath, intOption } from '../one-agent/cli-args';
import { EXIT, reportError, reportSessionError } from '../one-agent/cli-failures';
import { parseOneAgentArgs } from '../one-agent/one-agent-command';
import { runRequestBench, type BenchOutcome } from '../one-agent/request-bench';
import { CliUsageError, TRANSPORT_USAGE } from '../transport-options';

const USAGE = `usage: usp-console bench get PATH --agent EID <transport flags> [--requests N] [--in-flight W]

Load-tests one agent: sends N Gets of PATH (default 1000) keeping W in flight (default 16) and
prints JSON: round trips per second, latency p50/p99/max/mean in ms, errors (USP Error or a failed
path) and timeouts (--timeout per request). Exit 0 when every request got a response, 1 otherwise.

${TRANSPORT_USAGE}`;

async function oneGet(session: AgentSession, path: string): Promise<BenchOutcome> {
  try {
    const result = await session.controller.get(session.agentId, [path]);
    return result.requestedPaths.every((r) => r.errCode === 0) ? 'ok' : 'error';
  } catch (error) {
    // A USP Error message or an unreachable agent counts as an error; only silence is a timeout.
    return error instanceof RequestTimeoutError ? 'timeout' : 'error';
  }
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'load-test one agent: N Gets with W in flight; rate and latency as JSON',
  async run(argv) {
    let settings;
    let path: string;
    let requests: number;
    let inFlight: number;
    try {
      const parsed = parseOneAgentArgs(argv, { requests: { type: 'string' }, 'in-flight': { type: 'string' } });
      if (parsed === 'help') {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
      }
      const [kind, target, ...rest] = parsed.positionals;
      if (kind !== 'get' || target === undefined || rest.length > 0) throw new CliUsageError('expected "bench get PATH"');
      path = target;
      checkPath(path, 'Get.param_paths');
      requests = intOption(parsed.values.requests, '--requests', 1, 1000);
      inFlight = intOption(parsed.values['in-flight'], '--in-flight', 1, 16);
      settings = parsed.settings;
    } catch (error) {
      return reportError('bench', error);
    }
    let session: AgentSession;
    try {
      session = await openAgentSession(settings, { maxInFlight: inFlight });
    } catch (error) {
      return reportSessionError('bench', error);
    }
    try {
      const report = await runRequestBench(requests, inFlight, () => oneGet(session, path));
      process.stdout.write(`${JSON.stringify({ path, ...report }, null, 2)}\n`);
      return report.errors + report.timeouts === 0 ? EXIT.ok : EXIT.uspError;
    } finally {
      await session.close();
    }
  },
};
