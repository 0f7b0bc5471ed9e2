import { csvCell } from '../../../shared/csv-cell';

/** One RFC 4180 field, neutralised against formula injection (see csvCell). */
export function csvField(value: string): string {
  return csvCell(value);
}

/** One RFC 4180 record, CRLF-terminated. */
export function csvRow(fields: readonly string[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
