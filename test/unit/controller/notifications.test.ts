import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotificationIntake } from '../../../src/main/controller/notifications';
import { parseRecord } from '../../../src/main/usp/record';

const fixture = (name: string) => {
  const { msg } = parseRecord(new Uint8Array(readFileSync(join(__dirname, '../../fixtures/obuspa-11.0.4', name))));
  if (!msg) throw new Error(`${name} carries no Msg`);
  return msg;
};

describe('NotificationIntake', () => {
  it('answers every retry of the real OnBoardRequest but emits it once', () => {
    const intake = new NotificationIntake();
    const first = intake.accept('proto::obuspa-lab-1', fixture('mqtt_03_NOTIFY_usp_controller_usp-console.bin'), 'mqtt', 1);
    const retry = intake.accept('proto::obuspa-lab-1', fixture('mqtt_05_NOTIFY_usp_controller_usp-console.bin'), 'mqtt', 2);
    expect(first.respond).toEqual({ msgId: 'OnBoardRequest-2026-11-25T12:18:30Z-1', subscriptionId: '' });
    expect(first.event?.notification).toMatchObject({ kind: 'on_board_req', agentSupportedProtocolVersions: '1.0,1.1,1.2,1.3' });
    expect(retry).toEqual({ respond: first.respond, event: null });
  });

  it('emits the real Boot! event without asking for a NotifyResp', () => {
    const intake = new NotificationIntake();
    const boot = intake.accept('proto::obuspa-lab-1', fixture('mqtt_02_NOTIFY_usp_controller_usp-console.bin'), 'mqtt', 5);
    expect(boot.respond).toBeNull();
    expect(boot.event).toMatchObject({
      endpointId: 'proto::obuspa-lab-1',
      msgId: 'Event-2026-11-25T12:18:06Z-1',
      transportId: 'mqtt',
      receivedAt: 5,
      notification: { kind: 'event', objPath: 'Device.', eventName: 'Boot!' },
    });
  });
});
