// TR-106 lexical forms of unquoted constants and parameter values. Search expressions
// compare with the parameter's data-model type; without the model at hand the
// type is inferred from these forms, which are disjoint enough for the operators' needs.

const NUMBER = /^[+-]?[0-9]+(\.[0-9]+)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/** TR-106 Unknown Time: not comparable with ordering operators. */
export const UNKNOWN_TIME = '0001-01-01T00:00:00Z';

/** int, unsignedInt, long, unsignedLong, decimal: `123`, `+123`, `0123`, `-5`, `1.5`. */
export function parseNumberForm(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

/** boolean: `true`/`false`/`1`/`0` (R-ARC: boolean `1` == `true`). */
export function parseBooleanForm(text: string): boolean | undefined {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

/**
 * dateTime as milliseconds since the epoch (sub-millisecond digits are kept as a fraction).
 * Times without a zone are compared as if UTC: both sides come from the same agent.
 */
export function parseDateTimeForm(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const [, year, month, day, hour, minute, second, fraction, zone] = m;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const date = new Date(utc);
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return undefined;
  // Date.UTC maps years 0-99 to 1900-1999; the Unknown Time (year 1) must stay year 1.
  const yearFixed = Number(year) < 100 ? date.setUTCFullYear(Number(year)) : utc;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const fractionMs = fraction ? Number(`0${fraction}`) * 1000 : 0;
  return yearFixed - offsetMinutes * 60_000 + fractionMs;
}

export function isOrderable(text: string): boolean {
  return parseNumberForm(text) !== undefined || (parseDateTimeForm(text) !== undefined && text !== UNKNOWN_TIME);
}
