import { afterEach, expect } from 'vitest';
import type { MtpAddress, Transport } from '../../../src/main/mtp/transport';
import type { usp } from '../../../src/main/usp/generated/usp-proto.js';
import * as m from '../../../src/main/usp/messages';
import { buildConnectRecord, buildMsgRecord, parseRecord, type ConnectRecordKind, type ConnectRecordOptions } from '../../../src/main/usp/record';

/** Answers one request Msg; null = stay silent (to provoke a timeout). */
export type RequestHandler = (msg: usp.Msg) => usp.IMsg | null | Promise<usp.IMsg | null>;

/** Every RawAgent made by the test file being run: each test ends with their failures checked. */
const live = new Set<RawAgent>();

// Registered while the importing test file is collected, so it applies to every test of it: an
// answer the agent could not send is a broken test, even when the test's own assertions held.
afterEach(() => {
  const failures = [...live].flatMap((agent) => agent.takeFailures().map((f) => `${agent.endpointId}: ${String(f)}`));
  expect(failures, 'scripted raw agent failures').toEqual([]);
});

/**
 * A minimal USP agent for controller tests, built from the USP core and a real transport: it
 * answers requests with a handler, sends Notify and Connect Records, and records what it got.
 */
export class RawAgent {
  readonly received: usp.Msg[] = [];
  /** Answers that could not be sent (e.g. the transport stopped meanwhile). */
  readonly failures: unknown[] = [];
  private notifyCounter = 0;
  private linkDownExpected = false;

  /**
   * From now to the end of the test, answers that could not be sent because this agent's own link
   * was down or closed are expected: for tests that take the link away on purpose (a broker
   * restart, a closed connection). Any other failure is still reported at the end of the test.
   */
  dropLinkDownFailures(): void {
    this.linkDownExpected = true;
  }

  /** The failures a test must answer for; empties the list and ends dropLinkDownFailures(). */
  takeFailures(): unknown[] {
    const all = this.failures.splice(0);
    const expected = this.linkDownExpected;
    this.linkDownExpected = false;
    return expected ? all.filter((f) => !/is not (open|connected)/.test(String(f))) : all;
  }

  constructor(
    readonly endpointId: string,
    readonly controllerId: string,
    readonly transport: Transport,
    /** Where the controller is reached over this transport. */
    readonly controllerAddress: MtpAddress,
    public handler: RequestHandler,
  ) {
    live.add(this);
    transport.on('record', (inbound) => {
      this.onRecord(inbound.bytes, inbound.replyTo ?? controllerAddress).catch((error: unknown) => this.failures.push(error));
    });
  }

  async connectRecord(kind: ConnectRecordKind, options: Partial<ConnectRecordOptions> = {}): Promise<void> {
    await this.sendBytes(buildConnectRecord(kind, { toId: this.controllerId, fromId: this.endpointId, ...options }));
  }

  async sendMsg(msg: usp.IMsg, to: MtpAddress = this.controllerAddress): Promise<void> {
    await this.sendBytes(buildMsgRecord({ toId: this.controllerId, fromId: this.endpointId, msg }), to);
  }

  async sendBytes(bytes: Uint8Array, to: MtpAddress = this.controllerAddress): Promise<void> {
    await this.transport.send(to, bytes);
  }

  /** Sends a Notify and returns its msg_id. */
  async notify(notification: m.Notification, options: { sendResp?: boolean; subscriptionId?: string; msgId?: string } = {}): Promise<string> {
    const msgId = options.msgId ?? `${notification.kind}-${++this.notifyCounter}`;
    await this.sendMsg(m.buildNotify(msgId, { subscriptionId: options.subscriptionId ?? 'sub-1', sendResp: options.sendResp ?? false, notification }));
    return msgId;
  }

  /** NotifyResps received for a msg_id. */
  notifyResps(msgId: string): usp.Msg[] {
    return this.received.filter((r) => m.messageKind(r) === 'notify_resp' && r.header?.msg_id === msgId);
  }

  requests(kind: m.MessageKind): usp.Msg[] {
    return this.received.filter((r) => m.messageKind(r) === kind);
  }

  private async onRecord(bytes: Uint8Array, replyTo: MtpAddress): Promise<void> {
    const { msg } = parseRecord(bytes);
    if (!msg) return;
    this.received.push(msg);
    const kind = m.messageKind(msg);
    if (kind === 'notify_resp' || kind === 'error') return;
    const answer = await this.handler(msg);
    if (answer) await this.sendMsg(answer, replyTo);
  }
}

/** A handler answering GetSupportedProtocol and nothing else (for tests that do not care about other kinds). */
export function protocolOnly(versions = '1.0,1.1,1.2,1.3'): RequestHandler {
  return (msg) => {
    if (m.messageKind(msg) !== 'get_supported_protocol') return null;
    return {
      header: { msg_id: msg.header?.msg_id ?? '', msg_type: m.MSG_TYPE_OF_KIND.get_supported_protocol_resp },
      body: { response: { get_supported_protocol_resp: { agent_supported_protocol_versions: versions } } },
    };
  };
}
