// Agent selection in the agent list: click toggles, shift-click selects the range from the last
// clicked row (as file managers do), "select all N matching the filter" adds the visible rows.

export interface AgentSelection {
  readonly ids: ReadonlySet<string>;
  /** The row a shift-click range starts from (the last plain click). */
  readonly anchor: string | null;
}

export const emptySelection: AgentSelection = { ids: new Set(), anchor: null };

/** A click on a row's checkbox; `visible` is the list in display order. */
export function clickSelect(selection: AgentSelection, visible: readonly string[], id: string, shift: boolean): AgentSelection {
  const from = selection.anchor === null ? -1 : visible.indexOf(selection.anchor);
  const to = visible.indexOf(id);
  if (shift && from >= 0 && to >= 0) {
    const ids = new Set(selection.ids);
    for (let i = Math.min(from, to); i <= Math.max(from, to); i += 1) ids.add(visible[i]!);
    return { ids, anchor: selection.anchor };
  }
  const ids = new Set(selection.ids);
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

export function selectAll(selection: AgentSelection, visible: readonly string[]): AgentSelection {
  return { ids: new Set([...selection.ids, ...visible]), anchor: selection.anchor };
}

/** Drops agents that left the list (removed) so a job never targets an unknown agent. */
export function keepKnown(selection: AgentSelection, known: ReadonlySet<string>): AgentSelection {
  const ids = [...selection.ids].filter((id) => known.has(id));
  return ids.length === selection.ids.size ? selection : { ids: new Set(ids), anchor: selection.anchor && known.has(selection.anchor) ? selection.anchor : null };
}
