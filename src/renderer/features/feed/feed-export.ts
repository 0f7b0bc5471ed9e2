import type { NotificationRecord } from '../../../shared/console-api';
import { csvCell } from '../../../shared/csv-cell';
import { describeNotification } from './feed-filter';

/** One JSON document: an array of notification records as the API returned them. */
export function toJsonExport(rows: readonly NotificationRecord[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const CSV_COLUMNS = ['id', 'receivedAt', 'agentId', 'type', 'path', 'value', 'subscriptionId', 'msgId', 'summary'] as const;

/** RFC 4180 CSV: one notification per row, quoted where needed, formulas neutralised, CRLF line ends. */
export function toCsvExport(rows: readonly NotificationRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const n of rows) {
    const value = n.type === 'ValueChange' ? n.paramValue : '';
    const cells = [
      String(n.id), new Date(n.receivedAt).toISOString(), n.agentId, n.type, n.path, value, n.subscriptionId, n.msgId,
      describeNotification(n),
    ];
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
