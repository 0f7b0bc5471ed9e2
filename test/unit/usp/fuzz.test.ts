import { describe, expect, it } from 'vitest';
import { UspDecodeError } from '../../../src/main/usp/codec';
import { parseRecord } from '../../../src/main/usp/record';
import { recordFromJson, recordToJson } from '../../../src/main/usp/record-json';
import { loadCaptures } from './fixtures';
import { seededRandom } from '../../../src/shared/seeded-random';
import { lengthPositions, mutate, type Mutation } from './fuzz-mutations';

const captures = loadCaptures();
const MUTATIONS: Mutation[] = ['bit-flips', 'truncate', 'length-lie', 'random-bytes', 'splice', 'byte-set', 'duplicate-field'];

/** Runs one input through the decoder: it must either succeed or throw UspDecodeError. */
function outcome(bytes: Uint8Array): 'ok' | UspDecodeError['kind'] {
  try {
    parseRecord(bytes);
    return 'ok';
  } catch (err) {
    if (!(err instanceof UspDecodeError)) {
      throw new Error(`non-typed error ${String(err)} for input ${Buffer.from(bytes).toString('hex')}`, { cause: err });
    }
    expect(err.message.length).toBeGreaterThan(10);
    return err.kind;
  }
}

describe('decoder fuzz (deterministic, seeded)', { timeout: 120_000 }, () => {
  it('finds length prefixes inside nested messages of the captures', () => {
    const sample = captures.find((c) => c.file.startsWith('mqtt_38'));
    expect(lengthPositions(sample?.bytes ?? new Uint8Array()).length).toBeGreaterThan(30);
  });

  it.each(MUTATIONS)('%s mutations of every capture give only typed errors', (mutation) => {
    const rng = seededRandom(0x5eed + MUTATIONS.indexOf(mutation));
    const kinds = new Map<string, number>();
    let runs = 0;
    for (const capture of captures) {
      for (let i = 0; i < 30; i++) {
        const kind = outcome(mutate(capture.bytes, mutation, rng));
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        runs++;
      }
    }
    expect(runs).toBe(captures.length * 30);
    // Mutations that break the bytes must be reported as errors; a few land on harmless bytes.
    const failures = runs - (kinds.get('ok') ?? 0);
    if (mutation !== 'duplicate-field' && mutation !== 'byte-set' && mutation !== 'bit-flips') expect(failures).toBeGreaterThan(runs / 3);
    expect([...kinds.keys()].every((k) => ['ok', 'malformed', 'truncated', 'no-record-type', 'unknown-enum', 'type-mismatch', 'missing-field', 'too-large'].includes(k))).toBe(true);
  });

  it('stacked mutations give only typed errors', () => {
    const rng = seededRandom(42);
    for (let i = 0; i < 3000; i++) {
      let bytes = captures[i % captures.length]?.bytes ?? new Uint8Array();
      const steps = 1 + Math.floor(rng() * 4);
      for (let s = 0; s < steps; s++) bytes = mutate(bytes, MUTATIONS[Math.floor(rng() * MUTATIONS.length)] ?? 'bit-flips', rng);
      outcome(bytes);
    }
  });

  it('mutated Records that still decode survive JSON and back unchanged', () => {
    const rng = seededRandom(7);
    let survivors = 0;
    for (let i = 0; i < 4000; i++) {
      const capture = captures[i % captures.length];
      const bytes = mutate(capture?.bytes ?? new Uint8Array(), MUTATIONS[i % MUTATIONS.length] ?? 'bit-flips', rng);
      if (outcome(bytes) !== 'ok') continue;
      survivors++;
      const json = recordToJson(bytes);
      expect(recordToJson(recordFromJson(JSON.parse(JSON.stringify(json))))).toEqual(json);
    }
    expect(survivors).toBeGreaterThan(200);
  });

  it('huge length claims and deep nesting fail fast with typed errors', () => {
    // Fields claiming 256 MiB and 4 GiB of content in a 10-byte input.
    expect(outcome(Uint8Array.from([0x3a, 0xff, 0xff, 0xff, 0x7f, 0x12, 0x00, 0x00, 0x00]))).toBe('truncated');
    expect(outcome(Uint8Array.from([0x3a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x12, 0x00, 0x00, 0x00]))).toBe('malformed');
    // 5,000 nested no_session_context-like groups: recursion is bounded by the decoder.
    const deep: number[] = [];
    for (let i = 0; i < 5000; i++) deep.push(0x0b);
    expect(['malformed', 'truncated']).toContain(outcome(Uint8Array.from(deep)));
    // A varint longer than 10 bytes.
    expect(outcome(Uint8Array.from([0x20, ...new Array<number>(12).fill(0xff), 0x01]))).toBe('malformed');
  });
});
