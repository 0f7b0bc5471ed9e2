import { describe, expect, it } from 'vitest';
import { CliUsageError, parseTransportOptions, type TransportSettings } from '../../../src/main/cli/transport-options';

type Values = Parameters<typeof parseTransportOptions>[0];

const AGENT = { agent: 'os::agent-1' };

/** The CliUsageError that parsing these flags gives; fails the test when they parse. */
function usageError(values: Values): CliUsageError {
  try {
    parseTransportOptions(values);
  } catch (error) {
    expect(error).toBeInstanceOf(CliUsageError);
    return error as CliUsageError;
  }
  throw new Error(`parsed without a usage error: ${JSON.stringify(values)}`);
}

describe('parseTransportOptions: each transport', () => {
  it('reads --mqtt with its defaults: MQTT 5, a controller topic from our Endpoint ID, 30 s timeout', () => {
    expect(parseTransportOptions({ ...AGENT, mqtt: 'mqtt://127.0.0.1:1883', 'agent-topic': 'usp/agent/1' })).toEqual<TransportSettings>({
      agentId: 'os::agent-1',
      controllerId: 'self::usp-console',
      timeoutMs: 30_000,
      transport: { kind: 'mqtt', url: 'mqtt://127.0.0.1:1883', version: '5', agentTopic: 'usp/agent/1', controllerTopic: 'usp/controller/usp-console' },
    });
  });

  it('reads every --mqtt flag given', () => {
    const settings = parseTransportOptions({
      ...AGENT,
      'controller-id': 'proto::ctl-a',
      timeout: '2.5',
      mqtt: 'mqtts://broker.example:8883',
      'mqtt-version': '3.1.1',
      'agent-topic': 'usp/agent/1',
      'controller-topic': 'usp/ctl/a',
      'mqtt-username': 'u',
      'mqtt-password': 'p',
    });
    expect(settings).toEqual<TransportSettings>({
      agentId: 'os::agent-1',
      controllerId: 'proto::ctl-a',
      timeoutMs: 2500,
      transport: {
        kind: 'mqtt',
        url: 'mqtts://broker.example:8883',
        version: '3.1.1',
        agentTopic: 'usp/agent/1',
        controllerTopic: 'usp/ctl/a',
        username: 'u',
        password: 'p',
      },
    });
  });

  it('takes MQTT over WebSocket broker URLs', () => {
    expect(parseTransportOptions({ ...AGENT, mqtt: 'ws://127.0.0.1:9001/mqtt', 'agent-topic': 't' }).transport).toMatchObject({ url: 'ws://127.0.0.1:9001/mqtt' });
  });

  it('reads --stomp with a default controller destination from our Endpoint ID', () => {
    const settings = parseTransportOptions({ ...AGENT, 'controller-id': 'proto::ctl-b', stomp: 'stomp://guest:guest@127.0.0.1:61613', 'agent-dest': '/queue/agent' });
    expect(settings.transport).toEqual({ kind: 'stomp', url: 'stomp://guest:guest@127.0.0.1:61613', agentDest: '/queue/agent', controllerDest: '/queue/usp.controller.ctl-b' });
  });

  it('reads --stomp with its own --controller-dest', () => {
    const settings = parseTransportOptions({ ...AGENT, stomp: 'stomps://h:61614', 'agent-dest': '/queue/a', 'controller-dest': '/queue/mine' });
    expect(settings.transport).toEqual({ kind: 'stomp', url: 'stomps://h:61614', agentDest: '/queue/a', controllerDest: '/queue/mine' });
  });

  it('reads --ws-listen HOST:PORT, including a bracketed IPv6 host', () => {
    expect(parseTransportOptions({ ...AGENT, 'ws-listen': '127.0.0.1:8080' }).transport).toEqual({ kind: 'ws-listen', host: '127.0.0.1', port: 8080 });
    expect(parseTransportOptions({ ...AGENT, 'ws-listen': 'localhost:65535' }).transport).toEqual({ kind: 'ws-listen', host: 'localhost', port: 65535 });
    expect(parseTransportOptions({ ...AGENT, 'ws-listen': '[::1]:1' }).transport).toEqual({ kind: 'ws-listen', host: '::1', port: 1 });
  });

  it('reads --ws-connect and --uds', () => {
    expect(parseTransportOptions({ ...AGENT, 'ws-connect': 'wss://agent.example:8443/usp' }).transport).toEqual({ kind: 'ws-connect', url: 'wss://agent.example:8443/usp' });
    expect(parseTransportOptions({ ...AGENT, uds: '/tmp/usp.sock' }).transport).toEqual({ kind: 'uds', path: '/tmp/usp.sock' });
  });
});

describe('parseTransportOptions: usage errors', () => {
  it('needs --agent and a valid --controller-id', () => {
    expect(usageError({ uds: '/tmp/s' }).message).toBe('--agent EID is required');
    expect(usageError({ agent: '', uds: '/tmp/s' }).message).toBe('--agent EID is required');
    expect(usageError({ ...AGENT, 'controller-id': '', uds: '/tmp/s' }).message).toMatch(/^--controller-id "" is not a USP Endpoint ID/);
  });

  // R-ARC.5/6: checked before connecting, so a typo never waits for --timeout.
  it.each([
    ['obuspa-lab-1', 'expected authority-scheme:[authority-id]:instance-id'],
    ['proto:obuspa-lab-1', 'expected authority-scheme:[authority-id]:instance-id'],
    ['http::x', 'unknown authority scheme "http"'],
    ['proto::', 'the instance-id is empty'],
    ['proto::a b', 'the instance-id may hold only'],
    ['proto::a\u001b[2J', 'the instance-id may hold only'],
    ['oui:00/56D:x', 'the authority-id may hold only'],
    [`proto::${'a'.repeat(51)}`, 'longer than 50 characters'],
  ])('refuses the Endpoint ID "%s" in --agent and --controller-id', (eid, why) => {
    expect(usageError({ agent: eid, uds: '/tmp/s' }).message).toContain(why);
    expect(usageError({ ...AGENT, 'controller-id': eid, uds: '/tmp/s' }).message).toContain(why);
  });

  it.each(['os::012345-0A1B2C3D4E5F', 'oui:00256D:my-unique-bbf-id-42', 'self::usp-console', 'proto::a%2Fb', 'fqdn::www.example.org'])('accepts the Endpoint ID "%s"', (eid) => {
    expect(parseTransportOptions({ agent: eid, 'controller-id': eid, uds: '/tmp/s' }).agentId).toBe(eid);
  });

  it.each(['0', '-1', 'abc', '', 'Infinity'])('refuses --timeout "%s"', (timeout) => {
    expect(usageError({ ...AGENT, timeout, uds: '/tmp/s' }).message).toBe(`--timeout must be a number of seconds > 0, not "${timeout}"`);
  });

  it('keeps a tiny --timeout at 1 ms rather than rounding it to no time at all', () => {
    expect(parseTransportOptions({ ...AGENT, timeout: '0.0001', uds: '/tmp/s' }).timeoutMs).toBe(1);
  });

  it('needs exactly one transport', () => {
    expect(usageError(AGENT).message).toBe('give one transport: --mqtt, --stomp, --ws-listen, --ws-connect or --uds');
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 't', stomp: 'stomp://h:61613' }).message).toBe(
      'give only one transport, not --mqtt and --stomp',
    );
    expect(usageError({ ...AGENT, 'ws-listen': '127.0.0.1:8080', 'ws-connect': 'ws://h:1/usp', uds: '/tmp/s' }).message).toBe(
      'give only one transport, not --ws-listen and --ws-connect and --uds',
    );
  });

  it('refuses bad broker and agent URLs', () => {
    expect(usageError({ ...AGENT, mqtt: 'http://h:1883', 'agent-topic': 't' }).message).toBe(
      '--mqtt needs a broker URL such as mqtt://127.0.0.1:1883, not "http://h:1883"',
    );
    expect(usageError({ ...AGENT, mqtt: '127.0.0.1:1883', 'agent-topic': 't' }).message).toBe(
      '--mqtt needs a broker URL such as mqtt://127.0.0.1:1883, not "127.0.0.1:1883"',
    );
    expect(usageError({ ...AGENT, stomp: 'tcp://h:61613', 'agent-dest': '/queue/a' }).message).toBe(
      '--stomp needs a URL such as stomp://USER:PASS@127.0.0.1:61613, not "tcp://h:61613"',
    );
    expect(usageError({ ...AGENT, 'ws-connect': 'http://h:8080/usp' }).message).toBe(
      '--ws-connect needs a URL such as ws://127.0.0.1:8080/usp, not "http://h:8080/usp"',
    );
    expect(usageError({ ...AGENT, 'ws-connect': 'ws://' }).message).toBe('--ws-connect needs a URL such as ws://127.0.0.1:8080/usp, not "ws://"');
  });

  it('refuses a --mqtt-version other than 3.1.1 or 5', () => {
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 't', 'mqtt-version': '3.1' }).message).toBe(
      '--mqtt-version must be 3.1.1 or 5, not "3.1"',
    );
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 't', 'mqtt-version': '4' }).message).toBe('--mqtt-version must be 3.1.1 or 5, not "4"');
  });

  it('names the flag a transport is missing', () => {
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883' }).message).toBe('--mqtt needs --agent-topic TOPIC (the topic the agent subscribes to)');
    expect(usageError({ ...AGENT, stomp: 'stomp://h:61613' }).message).toBe('--stomp needs --agent-dest DEST (the destination the agent subscribes to)');
    expect(usageError({ ...AGENT, uds: '' }).message).toBe('--uds needs a socket path');
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 't', 'mqtt-username': 'u' }).message).toBe('--mqtt-username and --mqtt-password go together');
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 't', 'mqtt-password': 'p' }).message).toBe('--mqtt-username and --mqtt-password go together');
  });

  it('refuses MQTT wildcard topics', () => {
    const message = 'MQTT topics here must be exact topics, without + or # wildcards';
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 'usp/+/agent' }).message).toBe(message);
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 't', 'controller-topic': 'usp/#' }).message).toBe(message);
  });

  it('refuses flags that belong to another transport', () => {
    expect(usageError({ ...AGENT, uds: '/tmp/s', 'agent-topic': 't', 'mqtt-username': 'u' }).message).toBe('--agent-topic, --mqtt-username go only with --mqtt');
    expect(usageError({ ...AGENT, mqtt: 'mqtt://h:1883', 'agent-topic': 't', 'agent-dest': '/queue/a' }).message).toBe('--agent-dest goes only with --stomp');
  });

  it.each(['127.0.0.1', '127.0.0.1:', ':8080', '8080', 'h:0', 'h:65536', 'h:123456', 'h:http'])('refuses --ws-listen "%s"', (text) => {
    expect(usageError({ ...AGENT, 'ws-listen': text }).message).toBe(`--ws-listen needs HOST:PORT such as 127.0.0.1:8080, not "${text}"`);
  });
});
