import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Captured Records from OB-USP-Agent 11.0.4 (see the README next to them). */
export const CAPTURE_DIR = join(import.meta.dirname, '../../fixtures/obuspa-11.0.4');

export interface Capture {
  file: string;
  bytes: Uint8Array;
}

export function loadCaptures(): Capture[] {
  return readdirSync(CAPTURE_DIR)
    .filter((f) => f.endsWith('.bin'))
    .sort()
    .map((file) => ({ file, bytes: new Uint8Array(readFileSync(join(CAPTURE_DIR, file))) }));
}

/** One row of the README's MQTT table. */
export interface ReadmeRow {
  file: string;
  bytes: number;
  fromId: string;
  toId: string;
  version: string;
  type: string;
  msgId: string;
}

/** The rows of the README's MQTT capture table, read from the README itself. */
export function readmeRows(): ReadmeRow[] {
  const readme = readFileSync(join(CAPTURE_DIR, 'README.md'), 'utf8');
  return readme
    .split('\n')
    .filter((line) => line.startsWith('| `mqtt_'))
    .map((line) => {
      const cells = line.split('|').map((c) => c.trim());
      const [from = '', to = ''] = (cells[3] ?? '').split('→').map((s) => s.trim());
      return {
        file: (cells[1] ?? '').replace(/`/g, ''),
        bytes: Number(cells[2]),
        fromId: from,
        toId: to,
        version: cells[4] ?? '',
        type: cells[5] ?? '',
        msgId: cells[6] ?? '',
      };
    });
}
