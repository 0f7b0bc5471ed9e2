import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import { stompAgentLink } from '../../../src/main/sim/sim-transports';
import { startRabbitStomp, type RabbitStompBroker } from '../../helpers';
import { cli } from './cli-capture';

const CONTROLLER_ID = 'self::cli-stomp-itest';
const CONTROLLER_DEST = '/queue/usp.controller.cli-stomp-itest';
const AGENT_ID = 'proto::cli-stomp';

let broker: RabbitStompBroker;
let sim: SimAgent;

function flags(agent = AGENT_ID, timeoutS = 15): string[] {
  return ['--agent', agent, '--controller-id', CONTROLLER_ID, '--stomp', broker.url, '--agent-dest', `/queue/usp.agent.${agent.slice(7)}`, '--controller-dest', CONTROLLER_DEST, '--timeout', String(timeoutS)];
}

beforeAll(async () => {
  broker = await startRabbitStomp();
  const link = stompAgentLink(AGENT_ID, { url: broker.url, agentDestinationPrefix: '/queue/usp.agent.', controllerDestination: CONTROLLER_DEST });
  sim = new SimAgent({ endpointId: AGENT_ID, controllerId: CONTROLLER_ID, ...link, asyncCommandMs: 100, tickMs: 0 });
  await sim.start();
}, 120_000);

afterAll(async () => {
  await sim?.stop();
  await broker?.stop();
});

describe('usp-console one-agent commands over RabbitMQ STOMP', { timeout: 60_000 }, () => {
  it('gets and sets, printing JSON', async () => {
    const set = await cli('set', 'Device.WiFi.SSID.2.SSID=over-stomp', ...flags());
    expect(set.code).toBe(0);
    const get = await cli('get', 'Device.WiFi.SSID.2.SSID', ...flags());
    expect(get.code).toBe(0);
    expect(JSON.parse(get.stdout)).toEqual({
      requestedPaths: [{ requestedPath: 'Device.WiFi.SSID.2.SSID', errCode: 0, errMsg: '', resolved: [{ path: 'Device.WiFi.SSID.2.', params: { SSID: 'over-stomp' } }] }],
    });
  });

  it('operate --async waits for the OperationComplete', async () => {
    const run = await cli('operate', 'Device.IP.Diagnostics.IPPing()', 'Host=192.0.2.7', 'ProtocolVersion=Any', 'NumberOfRepetitions=1', 'Timeout=500', 'DataBlockSize=32', '--async', ...flags());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('"kind": "completed"');
  });

  it('exits 1 on a USP error and 3 when nobody answers', async () => {
    const refused = await cli('set', 'Device.DeviceInfo.Manufacturer=x', ...flags());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('USP error 7021 Required parameter failed');
    const silent = await cli('get', 'Device.', ...flags('proto::absent', 1));
    expect(silent.code).toBe(3);
    expect(silent.stderr).toContain('timeout: no response from proto::absent');
  });
});
