import { describe, expect, it } from 'vitest';
import { bar, progressBar, progressLine } from '../../../../src/main/cli/one-agent/progress-bar';

function stream(isTTY: boolean): { written: string[]; stream: NodeJS.WriteStream } {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (s: string) => written.push(s) > 0 } as unknown as NodeJS.WriteStream };
}

describe('progress line', () => {
  it('redraws one line in place on a terminal and ends it once', () => {
    const t = stream(true);
    const line = progressLine(t.stream);
    line.draw('a');
    line.draw('b');
    line.done();
    line.done();
    expect(t.written).toEqual(['\ra\u001b[K', '\rb\u001b[K', '\n']);
  });

  it('writes nothing to a pipe', () => {
    const t = stream(false);
    const line = progressLine(t.stream);
    line.draw('a');
    line.done();
    progressBar(t.stream).update({ phase: 'values', done: 1, total: 2 });
    expect(t.written).toEqual([]);
  });

  it('fills the bar by the fraction done, clamped to 0..1', () => {
    expect(bar(0)).toBe(`[${'.'.repeat(30)}]`);
    expect(bar(0.5)).toBe(`[${'#'.repeat(15)}${'.'.repeat(15)}]`);
    expect(bar(2)).toBe(`[${'#'.repeat(30)}]`);
    expect(bar(-1)).toBe(`[${'.'.repeat(30)}]`);
  });

  it("shows a snapshot capture's phase, percentage and counts", () => {
    const t = stream(true);
    progressBar(t.stream).update({ phase: 'values', done: 1, total: 4 });
    expect(t.written[0]).toBe(`\rvalues     [${'#'.repeat(8)}${'.'.repeat(22)}]  25% 1/4\u001b[K`);
  });
});
