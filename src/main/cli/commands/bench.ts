import { RequestTimeoutError } from '../../controller';
import { openAgentSession, type AgentSession } from '../one-agent/agent-session';
import { checkPath, intOption } from '../one-agent/cli-args';
import { CliUsageError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { reportSessionError } from '../framework/report-failure';
import { withTransportOptions } from '../one-agent/one-agent-command';
import { runRequestBench, type BenchOutcome } from '../one-agent/request-bench';
import { parseTransportOptions } from '../transport-options';

async function oneGet(session: AgentSession, path: string): Promise<BenchOutcome> {
  try {
    const result = await session.controller.get(session.agentId, [path]);
    return result.requestedPaths.every((r) => r.errCode === 0) ? 'ok' : 'error';
  } catch (error) {
    // A USP Error message or an unreachable agent counts as an error; only silence is a timeout.
    return error instanceof RequestTimeoutError ? 'timeout' : 'error';
  }
}

export const benchCommand = defineCommand({
  name: 'bench',
  summary: 'load-test one agent: N Gets with W in flight; rate and latency as JSON',
  synopsis: 'get PATH --agent EID <transport flags> [--requests N] [--in-flight W]',
  description: `Load-tests one agent: sends N Gets of PATH keeping W in flight and prints JSON: round trips
per second, latency p50/p99/max/mean in ms, errors (USP Error or a failed path) and timeouts
(--timeout per request). Exit 0 when every request got a response, 1 otherwise.`,
  options: withTransportOptions({
    requests: { type: 'string', value: 'N', help: 'how many Gets', default: '1000' },
    'in-flight': { type: 'string', value: 'W', help: 'how many at once', default: '16' },
  }),
  positionals: { min: 2, max: 2, what: '"get PATH"' },
  async run({ values, positionals, report }) {
    const [kind, path = ''] = positionals;
    if (kind !== 'get') throw new CliUsageError('expected "bench get PATH"');
    checkPath(path, 'Get.param_paths');
    const requests = intOption(values.requests, '--requests', 1, 1000);
    const inFlight = intOption(values['in-flight'], '--in-flight', 1, 16);
    const settings = parseTransportOptions(values);
    let session: AgentSession;
    try {
      session = await openAgentSession(settings, { maxInFlight: inFlight });
    } catch (error) {
      return reportSessionError('bench', error);
    }
    try {
      const outcome = await runRequestBench(requests, inFlight, () => oneGet(session, path));
      report.json({ path, ...outcome });
      return outcome.errors + outcome.timeouts === 0 ? EXIT.ok : EXIT.failed;
    } finally {
      await session.close();
    }
  },
});
