import { describe, expect, it } from 'vitest';
import { classifyInbound } from '../../../src/main/controller/inbound';
import * as m from '../../../src/main/usp/messages';
import { buildMsgRecord } from '../../../src/main/usp/record';
import { endpointIdProblem, isValidEndpointId, printable } from '../../../src/shared/endpoint-id';

// Issue 9 finding 8: Endpoint IDs from the network follow the Endpoint ID grammar (R-ARC.5/6).
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

  it('holds each scheme to its own authority-id length and alphabet, and the instance-id to 50 characters', () => {
    for (const id of ['oui:00256DA:x', 'oui:00256DABC:x', 'cid:3aa3f8:x', 'pen:1234567890:x', 'self:ab-_~.:x', 'proto:a-_~:x', `proto::${'a'.repeat(50)}`]) {
      expect(endpointIdProblem(id), id).toBeNull();
    }
    for (const id of ['oui:00256DAB:x', 'oui:00256DABCD:x', 'oui:00256G:x', 'cid:3AA3F:x', 'cid:3AA3F8A:x', 'pen:12345678901:x', 'pen::x', 'user:abcdefg:x', 'doc:abcdefg:x', 'self:a%20:x', 'uuid:x:y', 'fqdn:x:y']) {
      expect(endpointIdProblem(id), id).not.toBeNull();
    }
    expect(endpointIdProblem('user:ab:x')).toBeNull();
    expect(endpointIdProblem('doc:a.b:x')).toBeNull();
    expect(endpointIdProblem('cid:3AA3F:x')).toBe('the authority-id of the cid scheme is an IEEE CID (6 hex digits)');
    expect(endpointIdProblem('user:abcdefg:x')).toBe('the authority-id of the user scheme is 0-6 unreserved characters');
    expect(endpointIdProblem('doc:abcdefg:x')).toBe('the authority-id of the doc scheme is 0-6 unreserved characters');
    expect(endpointIdProblem('evil::x')).toBe('unknown authority scheme (one of oui, cid, pen, self, user, proto, doc, os, ops, uuid, imei, fqdn)');
    expect(endpointIdProblem('toString::x')).toMatch(/unknown authority scheme/);
    expect(endpointIdProblem(':x:y')).toMatch(/unknown authority scheme/);
    expect(endpointIdProblem('x')).toMatch(/two colons/);
    expect(isValidEndpointId('proto::a')).toBe(true);
    expect(isValidEndpointId('proto::a b')).toBe(false);
  });

  it('printable escapes terminal control sequences and cuts long text', () => {
    expect(printable('a\u001b[2Jb\u0007\u009b')).toBe('a\\x1b[2Jb\\x07\\x9b');
    expect(printable('x'.repeat(10), 4)).toBe('xxxx…');
    expect(printable('xxxx', 4)).toBe('xxxx');
    expect(printable('y'.repeat(301))).toBe(`${'y'.repeat(300)}…`);
    expect(printable('y'.repeat(300))).toBe('y'.repeat(300));
    expect(printable('\u0000\u001f\u007f\u0080\u009f plain ~ é')).toBe('\\x00\\x1f\\x7f\\x80\\x9f plain ~ é');
    // Line separators and bidi overrides can disguise what a terminal line says.
    expect(printable('a\u2028b\u2029\u202a\u202e\u2066\u2069\u2065\u202f')).toBe('a\\u{2028}b\\u{2029}\\u{202a}\\u{202e}\\u{2066}\\u{2069}\u2065\u202f');
  });

  it('classifyInbound drops a Record whose from_id breaks the grammar, naming no agent', () => {
    const own = 'self::usp-console';
    const msg = m.buildNotify('n-1', { subscriptionId: 's', sendResp: false, notification: { kind: 'obj_deletion', objPath: 'Device.X.1.' } });
    const result = classifyInbound(buildMsgRecord({ toId: own, fromId: 'proto::\u001b]0;pwned\u0007', msg }), own, undefined);
    expect(result).toMatchObject({ ok: false, endpointId: null, errorReply: null });
    expect(!result.ok && result.reason).toMatch(/^invalid from_id "proto::\\x1b\]0;pwned\\x07": /);
  });
});
