import type { RefreshSummary } from './use-tree';

/** "412 values refreshed, 3 changed" (or, offline, that the cache was all there was). */
export function describeRefresh(r: RefreshSummary): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const head = r.source === 'live'
    ? `${plural(r.values, 'value')} refreshed, ${r.changed} changed`
    : `Agent offline: ${plural(r.values, 'cached value')} shown`;
  return `${head} (${plural(r.objects, 'object')}${r.failed > 0 ? `, ${r.failed} failed` : ''})`;
}
