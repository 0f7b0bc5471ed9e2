import { describe, expect, it } from 'vitest';
import { clickSelect, emptySelection, keepKnown, selectAll } from '../../../src/renderer/features/jobs/selection';

const list = ['a', 'b', 'c', 'd', 'e'];
const ids = (s: { ids: ReadonlySet<string> }) => [...s.ids].sort();

describe('agent selection in the agent list', () => {
  it('toggles on click and selects the range from the last click on shift-click, in either direction', () => {
    let s = clickSelect(emptySelection, list, 'b', false);
    expect(ids(s)).toEqual(['b']);
    s = clickSelect(s, list, 'd', true);
    expect(ids(s)).toEqual(['b', 'c', 'd']);
    expect(s.anchor).toBe('b');
    s = clickSelect(clickSelect(emptySelection, list, 'e', false), list, 'c', true);
    expect(ids(s)).toEqual(['c', 'd', 'e']);
    s = clickSelect(s, list, 'd', false);
    expect(ids(s)).toEqual(['c', 'e']);
  });

  it('treats shift-click without an anchor in the list as a plain toggle', () => {
    expect(ids(clickSelect(emptySelection, list, 'c', true))).toEqual(['c']);
    const anchorFiltered = { ids: new Set(['z']), anchor: 'z' };
    expect(ids(clickSelect(anchorFiltered, list, 'a', true))).toEqual(['a', 'z']);
  });

  it('selects all the rows the filter shows, keeping earlier picks, and forgets removed agents', () => {
    const s = selectAll(clickSelect(emptySelection, ['x'], 'x', false), ['a', 'b']);
    expect(ids(s)).toEqual(['a', 'b', 'x']);
    const known = keepKnown(s, new Set(['a', 'b']));
    expect(ids(known)).toEqual(['a', 'b']);
    expect(known.anchor).toBeNull();
    expect(keepKnown(known, new Set(['a', 'b', 'c']))).toBe(known);
  });
});
