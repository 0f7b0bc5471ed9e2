/** A number as a spreadsheet reads it ("-65", "+1.5e3"): a leading sign is no formula there. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** First characters that make a spreadsheet read a cell as a formula (CSV / formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One RFC 4180 CSV field, safe to open in a spreadsheet (issue 9 #9): a value from an agent that
 * starts with =, +, -, @, tab or CR is prefixed with an apostrophe so that it is shown as text,
 * not run as a formula (plain numbers such as "-65" stay as they are); then it is quoted when it
 * holds a comma, quote, CR or LF, quotes doubled.
 */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
