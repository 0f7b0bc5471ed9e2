/**
 * A `warn` callback for createApp and friends that keeps every message, so a test can end
 * with `expect(warnings).toEqual([])`: a warning nobody expected is a bug, not noise.
 */
export function collectWarnings(): { warn: (message: string) => void; warnings: string[] } {
  const warnings: string[] = [];
  return { warn: (message) => warnings.push(message), warnings };
}
