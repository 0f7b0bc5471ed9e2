import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/main/cli/run-cli';
import { CAPTURE_DIR } from './fixtures';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'src/main/cli/index.ts');
const GSDM = join(CAPTURE_DIR, 'mqtt_40_GET_SUPPORTED_DM_RESP_usp_controller_usp-console.bin');
const tmp = mkdtempSync(join(tmpdir(), 'usp-cli-'));
let n = 0;
const tempFile = (content: string | Buffer): string => {
  const file = join(tmp, `input-${n++}`);
  writeFileSync(file, content);
  return file;
};

/** Runs the real CLI entry point in a child process, as a technician would (stdin, stdout, exit code). */
function spawnCli(args: string[], input?: string | Buffer) {
  const result = spawnSync(TSX, [CLI, ...args], { cwd: ROOT, input, maxBuffer: 16 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** Runs the CLI in this process, collecting what it writes to stdout and stderr. */
async function runInProcess(args: string[]) {
  const out: Buffer[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(Buffer.from(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    err.push(String(chunk));
    return true;
  });
  const code = await runCli(args);
  vi.restoreAllMocks();
  return { code, stdout: Buffer.concat(out), stderr: err.join('') };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('usp-console decode / encode as a process', { timeout: 60_000 }, () => {
  it('decode FILE | encode - gives back the captured bytes', () => {
    const decoded = spawnCli(['decode', GSDM]);
    expect(decoded.code).toBe(0);
    expect(decoded.stderr).toBe('');
    const json = JSON.parse(decoded.stdout.toString('utf8'));
    expect(json.from_id).toBe('proto::obuspa-lab-1');
    expect(json.no_session_context.payload.header).toEqual({ msg_id: '103', msg_type: 'GET_SUPPORTED_DM_RESP' });
    const encoded = spawnCli(['encode', '-'], decoded.stdout);
    expect(encoded.code).toBe(0);
    expect(Buffer.compare(encoded.stdout, readFileSync(GSDM))).toBe(0);
  });

  it('bad bytes on stdin: exit 2 (unusable input), nothing on stdout, one line on stderr saying what and where', () => {
    const result = spawnCli(['decode', '--hex'], '0a05312e33');
    expect(result.code).toBe(2);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/^usp-console decode: not a valid USP Record \(truncated\): .* \(at byte \d+\)\n$/);
  });
});

describe('usp-console decode / encode in process', { timeout: 60_000 }, () => {
  it('decode --hex reads hex text; encode --hex prints hex', async () => {
    const hex = '0a03312e33 120870726f746f3a3a63\n1a0870726f746f3a3a61 4a00\n';
    const decoded = await runInProcess(['decode', '--hex', tempFile(hex)]);
    expect(decoded.code).toBe(0);
    expect(JSON.parse(decoded.stdout.toString('utf8'))).toMatchObject({ version: '1.3', to_id: 'proto::c', record_type: 'websocket_connect' });
    const encoded = await runInProcess(['encode', tempFile(decoded.stdout), '--hex']);
    expect(encoded.stdout.toString('utf8')).toBe(`${hex.replace(/\s/g, '')}\n`);
  });

  it('encode writes the binary Record', async () => {
    const encoded = await runInProcess(['encode', tempFile('{"version":"1.3","to_id":"proto::c","from_id":"proto::a","websocket_connect":{}}')]);
    expect(encoded.code).toBe(0);
    expect(encoded.stdout.toString('hex')).toBe('0a03312e33120870726f746f3a3a631a0870726f746f3a3a614a00');
  });

  it('bad input: exit 2 (as for every command) and exactly one line on stderr', async () => {
    const notHex = await runInProcess(['decode', '--hex', tempFile('0a0z')]);
    expect([notHex.code, notHex.stderr]).toEqual([2, 'usp-console decode: input is not hex: "z" at position 3 is not a hex digit\n']);
    const garbage = await runInProcess(['decode', tempFile(Buffer.from([0xff, 0xff, 0xff]))]);
    expect(garbage.code).toBe(2);
    expect(garbage.stderr).toMatch(/^usp-console decode: not a valid USP Record \((malformed|truncated)\): [^\n]+\n$/);
    const missing = await runInProcess(['decode', join(tmp, 'no-such-file.bin')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^usp-console decode: cannot read .*no-such-file\.bin: ENOENT[^\n]*\n$/);
    const field = await runInProcess(['encode', tempFile('{"no_session_context": {"payload": {"header": {"msg_id": "1", "msg_typ": "GET"}}}}')]);
    expect([field.code, field.stdout.length]).toEqual([2, 0]);
    expect(field.stderr).toBe(
      'usp-console encode: no_session_context.payload.header.msg_typ is not a field here (check the spelling), or another member of the same oneof is also set\n',
    );
    const syntax = await runInProcess(['encode', tempFile('{\n  "version": "1.4",\n}')]);
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^usp-console encode: input is not valid JSON: [^\n]*\(line 3, column 1\)\n$/);
    const invalid = await runInProcess(['encode', tempFile('{"version": "1.4"}')]);
    expect(invalid.stderr).toBe('usp-console encode: the Record is not valid: Record has no record_type: none of no_session_context, session_context, websocket_connect, mqtt_connect, stomp_connect, disconnect, uds_connect is set\n');
  });

  it('bad arguments exit 2; --help exits 0', async () => {
    expect((await runInProcess(['decode', 'a', 'b'])).code).toBe(2);
    const unknown = await runInProcess(['encode', '--nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')).toHaveLength(2);
    expect((await runInProcess(['encode', 'a', 'b'])).code).toBe(2);
    expect((await runInProcess(['decode', '--nope'])).code).toBe(2);
    const help = await runInProcess(['decode', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout.toString('utf8')).toContain('usage: usp-console decode [FILE|-] [--hex]');
    expect((await runInProcess(['encode', '-h'])).stdout.toString('utf8')).toContain('usage: usp-console encode');
    const list = (await runInProcess(['--help'])).stdout.toString('utf8');
    expect(list).toMatch(/^ {2}decode +print one USP Record/m);
    expect(list).toMatch(/^ {2}encode +turn JSON/m);
  });
});
