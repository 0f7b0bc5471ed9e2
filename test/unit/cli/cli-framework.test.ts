import { afterEach, describe, expect, it, vi } from 'vitest';
import { commands } from '../../../src/main/cli/commands';
import { runCli } from '../../../src/main/cli/run-cli';
import { escapeTerminal, terminalJson } from '../../../src/main/cli/framework/terminal-text';
import pkg from '../../../package.json';
import { SnapshotService } from '../../../src/main/services/snapshots/snapshot-service';
import { Store } from '../../../src/main/store/store';
import { syntheticSnapshot } from '../../helpers/synthetic-snapshot';
import { removeTempDir, tempDir } from '../../helpers/temp-dir';

/** Runs `usp-console ARGS…` in this process, collecting stdout and stderr. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  try {
    return { code: await runCli(args), stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => {
  vi.restoreAllMocks();
});

const names = commands.map((c) => c.name);

describe('every usp-console command', () => {
  it('is listed by usp-console --help', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const name of names) expect(help.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
  });

  it.each(names)('%s --help prints its usage and every flag it declares, exit 0', async (name) => {
    const help = await run(name, '--help');
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toMatch(new RegExp(`^usage: usp-console ${name} `));
    expect(help.stdout).toContain('-h, --help');
    expect((await run('help', name)).stdout).toBe(help.stdout);
  });

  it.each(names)('%s with a bad flag exits 2 with one line and no stack trace', async (name) => {
    const bad = await run(name, '--no-such-flag');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(`usp-console ${name}: unknown option '--no-such-flag' (see usp-console ${name} --help)\n`);
  });
});

describe('usp-console itself', () => {
  it('prints its version', async () => {
    expect(await run('--version')).toEqual({ code: 0, stdout: `usp-console ${pkg.version}\n`, stderr: '' });
  });

  it('exits 2 with one line for an unknown command and with the usage for none', async () => {
    expect(await run('frobnicate')).toEqual({ code: 2, stdout: '', stderr: 'usp-console frobnicate: unknown command (see usp-console --help)\n' });
    const none = await run();
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('usage: usp-console <command>');
  });

  it('escapes control characters of a command name before printing it', async () => {
    const evil = await run('\u001b]0;pwned\u0007');
    expect(evil.stderr).toBe('usp-console \\x1b]0;pwned\\x07: unknown command (see usp-console --help)\n');
  });
});

describe('the same failure, the same exit code', () => {
  it.each([
    ['decode', ['decode', '/nonexistent/record.bin']],
    ['encode', ['encode', '/nonexistent/record.json']],
    ['import', ['import', '/nonexistent/snapshot.json', '--data', '/tmp']],
    ['diff', ['diff', '/nonexistent/a.json', '/nonexistent/b.json']],
    ['sim', ['sim', '--model', '/nonexistent/snapshot.json', '--ws-connect', 'ws://127.0.0.1:1/usp']],
  ])('an unreadable input file is exit 2 in %s', async (_name, args) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(result.stderr).toContain('/nonexistent/');
  });

  it.each([
    ['get', ['Device.X.']],
    ['set', ['Device.X.Y=1']],
    ['add', ['Device.X.']],
    ['delete', ['Device.X.1.']],
    ['operate', ['Device.Reboot()']],
    ['gsdm', ['Device.']],
    ['instances', ['Device.X.']],
    ['protocols', []],
    ['watch', []],
    ['snapshot', []],
    ['bench', ['get', 'Device.']],
  ])(
    '%s refuses a malformed --agent or --controller-id before connecting (exit 2)',
    async (name, positional) => {
      const agent = await run(name, ...positional, '--agent', 'obuspa-lab-1', '--uds', '/nonexistent/socket');
      expect(agent.code).toBe(2);
      expect(agent.stderr).toMatch(/--agent "obuspa-lab-1" is not a USP Endpoint ID/);
      const controller = await run(name, ...positional, '--agent', 'proto::a', '--controller-id', 'self:console', '--uds', '/nonexistent/socket');
      expect(controller.code).toBe(2);
      expect(controller.stderr).toMatch(/--controller-id "self:console" is not a USP Endpoint ID/);
    },
  );

  it.each([
    ['snapshots', ['snapshots']],
    ['export', ['export', '1', '--out', '/tmp/x.json']],
    ['import', ['import', '/tmp/x.json']],
    ['serve', ['serve', '--port', '0']],
    ['snapshot', ['snapshot', '--agent', 'proto::a', '--uds', '/nonexistent/socket', '--timeout', '60']],
  ])('%s fails at once with exit 2 on an unusable --data', async (_name, args) => {
    for (const data of ['', '/dev/null/usp', '/proc/version']) {
      const result = await run(...args, '--data', data);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/data folder .* cannot be used|--data needs a folder/);
    }
  });
});

describe('terminal escaping', () => {
  it('prints a stored label and Endpoint ID with escape sequences escaped (table and JSON)', async () => {
    const dir = await tempDir('usp-cli-escape-');
    try {
      const store = Store.open(dir, { appVersion: 'cli-test' });
      new SnapshotService(store).persist({ ...syntheticSnapshot(5, 'proto::evil\u001b]0;x\u0007'), label: 'clear\u001b[2J\u009b31m' });
      store.close();
      const table = await run('snapshots', '--data', dir);
      expect(table.code).toBe(0);
      expect(table.stdout).toContain('proto::evil\\x1b]0;x\\x07');
      expect(table.stdout).toContain('clear\\x1b[2J\\x9b31m');
      const json = await run('snapshots', '--json', '--data', dir);
      for (const out of [table.stdout, json.stdout]) for (const raw of ['\u001b', '\u0007', '\u009b']) expect(out).not.toContain(raw);
      expect((JSON.parse(json.stdout) as { label: string }[])[0]?.label).toBe('clear\u001b[2J\u009b31m');
    } finally {
      await removeTempDir(dir);
    }
  });

  it('shows control characters as escapes and keeps ordinary text', () => {
    expect(escapeTerminal('proto::a\u001b[2J\u009b31m\u202e')).toBe('proto::a\\x1b[2J\\x9b31m\\u202e');
    expect(escapeTerminal('Device.WiFi.SSID.1.SSID=Café ✓')).toBe('Device.WiFi.SSID.1.SSID=Café ✓');
  });

  it('keeps JSON output the same value while escaping what JSON.stringify leaves raw', () => {
    const value = { id: 'proto::\u009b2J\u007f\u202e', label: 'a\nb' };
    const text = terminalJson(value);
    expect(text).not.toMatch(/[\u007f-\u009f\u202e]/);
    expect(JSON.parse(text)).toEqual(value);
    expect(terminalJson(value, 0)).not.toContain('\n');
  });
});
