import { describe, expect, it } from 'vitest';
import { expandPath, formatPath, matchesPath, parsePath } from '../../../../src/main/usp/paths';
import { EXPANSIONS } from './expansions';
import { HOME_GATEWAY, memoryView } from './memory-view';

// Deterministic PRNG (mulberry32) so a failure reproduces.
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = 'Device.WiFiSSID.1*[]{}()!#+&=<>~"%,_- 09\tab.Name';
const SEEDS = EXPANSIONS.map(([path]) => path);

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const char = ALPHABET[Math.floor(next() * ALPHABET.length)] ?? '.';
    const op = next();
    if (op < 0.33) out = out.slice(0, at) + char + out.slice(at);
    else if (op < 0.66) out = out.slice(0, at) + out.slice(at + 1);
    else out = out.slice(0, at) + char + out.slice(at + 1);
  }
  return out;
}

describe('parser robustness on mutated paths', () => {
  it('never throws, keeps error positions inside the text, and formats to a fixed point', { timeout: 30_000 }, () => {
    const next = random(369);
    const view = memoryView(HOME_GATEWAY);
    let accepted = 0;
    const problems: string[] = [];
    for (let i = 0; i < 5_000; i++) {
      const seed = SEEDS[i % SEEDS.length] ?? 'Device.';
      const text = mutate(seed, next);
      const result = parsePath(text, { allowSupportedInstances: next() < 0.2 });
      if (!result.ok) {
        const { position, message } = result.error;
        if (position < 0 || position > text.length || !message.startsWith(`${text}: `)) problems.push(`bad error: ${message}`);
        continue;
      }
      accepted++;
      const formatted = formatPath(result.path);
      const again = parsePath(formatted, { allowSupportedInstances: true });
      if (!again.ok || formatPath(again.path) !== formatted) problems.push(`no fixed point: ${text} → ${formatted}`);
      const expanded = expandPath(result.path, view);
      for (const concrete of expanded.ok ? expanded.paths : []) {
        if (!matchesPath(result.path, concrete, view.value, { instances: view.instances })) problems.push(`${text} expands to ${concrete} but does not match it`);
      }
    }
    expect(problems).toEqual([]);
    // The mutations must also produce valid paths, or the fixed-point checks test nothing.
    expect(accepted).toBeGreaterThan(500);
  });

  it('handles long inputs without deep recursion', { timeout: 30_000 }, () => {
    const long = `Device.${'A.'.repeat(50_000)}[${'B==1&&'.repeat(10_000)}C=="${'x'.repeat(100_000)}"].`;
    const result = parsePath(long);
    expect(result.ok).toBe(true);
    const unterminated = parsePath(`Device.X.[A=="${'y'.repeat(200_000)}`);
    expect(unterminated.ok ? -1 : unterminated.error.position).toBe(13);
  });
});
