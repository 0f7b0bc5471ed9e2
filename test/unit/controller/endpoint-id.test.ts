import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../../src/main/controller/inbound';
import * as m from '../../../src/main/usp/messages';
import { buildMsgRecord } from '../../../src/main/usp/record';
import { endpointIdProblem, printable } from '../../../src/shared/endpoint-id';

// Issue 9 finding 8: Endpoint IDs from the network follow the grammar of data-model.md §1 (R-ARC.5/6).
describe('endpointIdProblem', () => {
  it('accepts an Endpoint ID of every scheme, as the spec writes them', () => {
    for (const id of [
      'oui:00256D:my-unique-bbf-id-42',
      'cid:3AA3F8:my-unique-usp-id-42',
      'pen:3561:my-unique-bbf-id-42',
      'self::my-Agent',
      'self:abc:x',
      'user::x',
      'os::00256D-0123456789',
      'ops::00256D-STB-0123456789',
      'uuid::f81d4fae-7dec-11d0-a765-00a0c91e6bf6',
      'imei::990000862471854',
      'proto::my-Agent',
      'doc::agent',
      'fqdn::www.example.org',
      'proto::a%20b~_.',
    ]) {
      expect(endpointIdProblem(id), id).toBeNull();
    }
  });

  it('refuses control characters, an unknown scheme, bad authority-ids and over-long instance-ids, without echoing them', () => {
    const cases: [string, RegExp][] = [
      ['', /empty/],
      ['proto:x', /two colons/],
      ['evil::x', /unknown authority scheme/],
      ['proto::a\u001b[31mred', /instance-id may hold only/],
      ['proto::a b', /instance-id may hold only/],
      ['proto::a:b', /instance-id may hold only/],
      ['proto::a%2', /instance-id may hold only/],
      ['proto::', /instance-id is empty/],
      [`proto::${'a'.repeat(51)}`, /longer than 50/],
      ['os:x:y', /empty authority-id/],
      ['oui:12345:x', /IEEE OUI/],
      ['pen:abc:x', /Private Enterprise Number/],
      ['proto:a.b:x', /other than "."/],
      ['self:abcdefg:x', /0-6 unreserved/],
    ];
    for (const [id, reason] of cases) {
      const problem = endpointIdProblem(id);
      expect(problem, JSON.stringify(id)).toMatch(reason);
      expect(problem).not.toContain('\u001b');
    }
  });

  it('printable escapes terminal control sequences and cuts long text', () => {
    expect(printable('a\u001b[2Jb\u0007\u009b')).toBe('a\\x1b[2Jb\\x07\\x9b');
    expect(printable('x'.repeat(10), 4)).toBe('xxxx…');
  });

  it('classifyInbound drops a Record whose from_id breaks the grammar, naming no agent', () => {
    const own = 'self::usp-console';
    const msg = m.buildNotify('n-1', { subscriptionId: 's', sendResp: false, notification: { kind: 'obj_deletion', objPath: 'Device.X.1.' } });
    const result = classifyInbound(buildMsgRecord({ toId: own, fromId: 'proto::\u001b]0;pwned\u0007', msg }), own, undefined);
    expect(result).toMatchObject({ ok: false, endpointId: null, errorReply: null });
    expect(!result.ok && result.reason).toMatch(/^invalid from_id "proto::\\x1b\]0;pwned\\x07": /);
  });
});
