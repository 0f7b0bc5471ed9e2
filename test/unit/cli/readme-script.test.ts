import { describe, expect, it } from 'vitest';
import { readmeCommands, readmeScript } from '../../integration/readme/readme-script';

const README = [
  '# Title',
  '<!-- readme-test: skip (installs) -->',
  '```sh',
  'npm ci',
  '```',
  'Text.',
  '```sh',
  '# a comment line',
  'T="--agent proto::sim-1 \\',
  '   --mqtt mqtt://127.0.0.1:1883"',
  '',
  'npx usp-console get Device.NoSuchThing. $T   # exit 1: USP error 7026',
  'npx usp-console diff a b                     # the same',
  '```',
  '```',
  'Device.MQTT.Client.1.Enable  true',
  '```',
].join('\n');

describe('readmeCommands', () => {
  it('takes the commands of sh blocks not marked skip, with their continuation lines, and reads "# exit N"', () => {
    expect(readmeCommands(README)).toEqual([
      { line: 9, text: 'T="--agent proto::sim-1 \\\n   --mqtt mqtt://127.0.0.1:1883"', expectedExit: 0 },
      { line: 12, text: 'npx usp-console get Device.NoSuchThing. $T   # exit 1: USP error 7026', expectedExit: 1 },
      { line: 13, text: 'npx usp-console diff a b                     # the same', expectedExit: 0 },
    ]);
  });

  it('records the status of every command after it, in one script', () => {
    expect(readmeScript([{ line: 1, text: 'true', expectedExit: 0 }, { line: 2, text: 'sleep 1 &', expectedExit: 0 }])).toBe('true\n__status $? 0\nsleep 1 &\n__status $? 1\n');
  });
});
