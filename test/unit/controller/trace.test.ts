import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeMsg, summarizeRecord } from '../../../src/main/controller/trace';
import * as m from '../../../src/main/usp/messages';
import { parseRecord } from '../../../src/main/usp/record';

const summary = (name: string): string => {
  const { record, msg } = parseRecord(new Uint8Array(readFileSync(join(__dirname, '../../fixtures/obuspa-11.0.4', name))));
  return summarizeRecord(record, msg);
};

describe('trace summaries', () => {
  it('names the kind and the paths of real captured Records', () => {
    expect(summary('mqtt_08_GET_usp_agent_obuspa-lab-1.bin')).toBe('get Device.DeviceInfo.');
    expect(summary('mqtt_45_OPERATE_usp_agent_obuspa-lab-1.bin')).toBe('operate Device.SelfTestDiagnostics()');
    expect(summary('mqtt_41_ADD_usp_agent_obuspa-lab-1.bin')).toBe('add Device.LocalAgent.Subscription.');
    expect(summary('mqtt_02_NOTIFY_usp_controller_usp-console.bin')).toBe('notify event Device.Boot!');
    expect(summary('mqtt_50_GET_RESP_usp_controller_usp-console.bin')).toBe('get_resp 1 path');
    expect(summary('mqtt_01_mqtt_connect_usp_controller_usp-console.bin')).toBe('mqtt_connect usp/agent/obuspa-lab-1');
    expect(summary('mqtt_19_NOTIFY_RESP_usp_agent_obuspa-lab-1.bin')).toBe('notify_resp');
  });

  it('shortens long path lists and shows error codes', () => {
    expect(summarizeMsg(m.buildGet('x', ['A.', 'B.', 'C.', 'D.', 'E.']))).toBe('get A. B. C. (+2)');
    expect(summarizeMsg(m.buildErrorMsg('x', { errCode: 7026, errMsg: 'Invalid path' }))).toBe('error 7026 Invalid path');
  });
});
