import { useCallback, useEffect, useLayoutEffect, useRef, type JSX, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

export interface VirtualListProps<T> {
  items: readonly T[];
  rowHeight: number;
  renderRow: (item: T, index: number) => ReactNode;
  getKey: (item: T, index: number) => string | number;
  /** aria role of the list container ('list', 'tree', 'grid'...). */
  role?: string;
  label: string;
  testId?: string;
  onKeyDown?: (e: React.KeyboardEvent<HTMLDivElement>) => void;
  /** Index to keep in view (keyboard selection). */
  scrollToIndex?: number;
  onEndReached?: () => void;
}

/** Fixed-height rows, only the visible ones rendered, so a list of many rows stays fast. */
export function VirtualList<T>(props: VirtualListProps<T>): JSX.Element {
  const parentRef = useRef<HTMLDivElement>(null);
  // A stable getItemKey (changing only with the items) keeps the virtualizer from re-measuring
  // every row on each render, which costs O(rows) per keystroke on a 100k-row tree.
  const getKeyRef = useRef(props.getKey);
  useLayoutEffect(() => {
    getKeyRef.current = props.getKey;
  });
  const { items } = props;
  const getItemKey = useCallback((i: number) => getKeyRef.current(items[i]!, i), [items]);
  // TanStack Virtual returns functions React Compiler cannot memoize; this component is not compiled.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: props.items.length,
    getScrollElement: () => parentRef.current,
    estimateSize: () => props.rowHeight,
    overscan: 12,
    getItemKey,
  });
  const { scrollToIndex, onEndReached } = props;
  useEffect(() => {
    if (scrollToIndex !== undefined && scrollToIndex >= 0) virtualizer.scrollToIndex(scrollToIndex, { align: 'auto' });
  }, [scrollToIndex, virtualizer]);
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? -1;
  useEffect(() => {
    if (onEndReached && items.length > 0 && lastVisible >= items.length - 1) onEndReached();
  }, [lastVisible, items.length, onEndReached]);
  return (
    <div
      ref={parentRef}
      className="scroll-pane"
      role={props.role ?? 'list'}
      aria-label={props.label}
      data-testid={props.testId}
      tabIndex={0}
      onKeyDown={props.onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), width: '100%', position: 'relative' }}>
        {virtualItems.map((v) => (
          <div
            key={v.key}
            style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: v.size, transform: `translateY(${v.start}px)` }}
          >
            {props.renderRow(props.items[v.index]!, v.index)}
          </div>
        ))}
      </div>
    </div>
  );
}
