import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Controller } from '../../../src/main/controller';
import { MAX_MSG_ID } from '../../../src/main/controller/inbound';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import * as m from '../../../src/main/usp/messages';
import { waitForEvent, waitUntil } from '../../helpers';
import { RawAgent } from './raw-agent';
import { cannedAnswer } from './usp-responses';

// Issue 9 finding 5: a Record whose msg_id is absurdly long is refused with an Error, not stored whole.
const CONTROLLER_ID = 'self::usp-console-msgid';
let server: WsServerTransport;
let controller: Controller;
let client: WsClientTransport;

beforeAll(async () => {
  server = new WsServerTransport({ id: 'ws', host: '127.0.0.1', port: 0, endpointId: CONTROLLER_ID, keepAliveIntervalMs: 0 });
  await server.start();
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [server], queryProtocolOnContact: false });
});

afterAll(async () => {
  controller.close();
  await client?.stop();
  await server.stop();
});

describe('msg_id bound', () => {
  it('answers a Notify with a 2 MB msg_id with Error 7004 and drops it; a normal one still gets through', async () => {
    const id = 'proto::long-msgid';
    client = new WsClientTransport({ id: 'agent', url: `ws://127.0.0.1:${server.port}/usp`, endpointId: id, keepAliveIntervalMs: 0 });
    await client.start();
    const agent = new RawAgent(id, CONTROLLER_ID, client, client.peerAddress, cannedAnswer);
    const online = waitForEvent(controller, 'presenceChanged', (c) => c.endpointId === id && c.online);
    await agent.connectRecord('websocket');
    await online;
    const dropped = waitForEvent(controller, 'recordDropped', (d) => /msg_id of 2000000 characters/.test(d.reason));
    const longId = 'x'.repeat(2_000_000);
    await agent.notify({ kind: 'obj_deletion', objPath: 'Device.X.1.' }, { msgId: longId, sendResp: true });
    const [event] = await dropped;
    expect(event.answered).toBe(true);
    await waitUntil(() => agent.requests('error').length > 0, 'the Error reply');
    const error = agent.requests('error')[0]!;
    expect(error.header?.msg_id).toBe(longId.slice(0, MAX_MSG_ID));
    expect(error.body?.error?.err_code).toBe(7004);
    const notified = waitForEvent(controller, 'notification');
    await agent.notify({ kind: 'obj_deletion', objPath: 'Device.X.1.' }, { msgId: 'short-1' });
    expect((await notified)[0].msgId).toBe('short-1');
    expect(m.messageKind(error)).toBe('error');
  });
});
