// Reference following: the reference parameter's value is a path (or a
// comma-separated list of paths) to an object; `+` takes the first item, `#N+` the N-th
// (1-based), `#*+` all. Values are plain paths, usually written without the trailing dot
// (`Device.IP.Interface.1`), and may be in unique-key form (R-ARC.11).

import type { ParsedPath, ReferenceFollow } from '../../../shared/paths';
import { parsePath } from '../../../shared/paths';
import { listItems } from './compare';

/**
 * The objects a reference value points at, as parsed object paths. Items that are not object
 * paths (empty, garbage, commands) point nowhere: a reference is data, and a dangling or
 * malformed one simply matches nothing.
 */
export function referenceTargets(value: string | undefined, follow: ReferenceFollow): ParsedPath[] {
  if (value === undefined) return [];
  const items = listItems(value);
  const picked = follow.index === '*' ? items : [items[(follow.index ?? 1) - 1]];
  const targets: ParsedPath[] = [];
  for (const item of picked) {
    if (item === undefined) continue;
    const parsed = parsePath(item.endsWith('.') ? item : `${item}.`, { allowReferences: false });
    if (parsed.ok && parsed.path.kind === 'object' && !parsed.path.isSupportedPath) targets.push(parsed.path);
  }
  return targets;
}
