import type { CachedValue } from '../../../shared/console-api';

/** One instance of a multi-instance object as a table row: parameter name → value. */
export interface TableRow {
  /** Instance path, e.g. 'Device.Hosts.Host.12.'. */
  path: string;
  instance: number;
  cells: Record<string, string>;
}

export interface TableSort {
  column: string;
  descending: boolean;
}

/**
 * Pivots the values read under a table path ('Device.Hosts.Host.') into one row per instance
 * with one cell per parameter of the row itself (sub-objects are left to the tree).
 */
export function buildTableRows(tablePath: string, values: readonly CachedValue[]): TableRow[] {
  const rows = new Map<number, TableRow>();
  for (const v of values) {
    if (!v.path.startsWith(tablePath)) continue;
    const m = /^(\d+)\.([^.]+)$/.exec(v.path.slice(tablePath.length));
    if (!m) continue;
    const instance = Number(m[1]);
    let row = rows.get(instance);
    if (!row) {
      row = { path: `${tablePath}${instance}.`, instance, cells: {} };
      rows.set(instance, row);
    }
    row.cells[m[2]!] = v.value;
  }
  return [...rows.values()].sort((a, b) => a.instance - b.instance);
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows containing the text (case-insensitive) in any cell or in the instance number. */
export function filterTableRows(rows: readonly TableRow[], text: string): readonly TableRow[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return rows;
  return rows.filter((r) => String(r.instance) === needle || Object.values(r.cells).some((v) => v.toLowerCase().includes(needle)));
}

/** Sorted by one column, numbers by value ('9' before '10'), empty cells last; '#' sorts by instance. */
export function sortTableRows(rows: readonly TableRow[], sort: TableSort | null): readonly TableRow[] {
  if (!sort) return rows;
  const sign = sort.descending ? -1 : 1;
  const key = (r: TableRow): string => (sort.column === '#' ? String(r.instance) : (r.cells[sort.column] ?? ''));
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === '' || y === '') return x === y ? a.instance - b.instance : x === '' ? 1 : -1;
    return sign * collator.compare(x, y) || a.instance - b.instance;
  });
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV of the rows as shown: instance path, then one column per parameter. */
export function tableToCsv(columns: readonly string[], rows: readonly TableRow[]): string {
  const lines = [['Path', ...columns].map(csvField).join(',')];
  for (const r of rows) lines.push([r.path, ...columns.map((c) => r.cells[c] ?? '')].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
