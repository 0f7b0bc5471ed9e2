import type { NotificationQuery, NotificationRecord, NotificationType, PathMatch } from '../../../shared/console-api';

/** What the user picked in the feed's filter bar; empty lists mean "all". */
export interface FeedFilter {
  agentIds: string[];
  types: NotificationType[];
  pathText: string;
  pathMatch: PathMatch;
}

export const emptyFeedFilter: FeedFilter = { agentIds: [], types: [], pathText: '', pathMatch: 'contains' };

export function matchesFeedFilter(n: NotificationRecord, f: FeedFilter): boolean {
  if (f.agentIds.length > 0 && !f.agentIds.includes(n.agentId)) return false;
  if (f.types.length > 0 && !f.types.includes(n.type)) return false;
  if (f.pathText !== '') {
    switch (f.pathMatch) {
      case 'exact': return n.path === f.pathText;
      case 'prefix': return n.path.startsWith(f.pathText);
      case 'contains': return n.path.toLowerCase().includes(f.pathText.toLowerCase());
    }
  }
  return true;
}

/** The same filter as a store query, for history pages and exports. */
export function toNotificationQuery(f: FeedFilter, extra: Pick<NotificationQuery, 'cursor' | 'limit' | 'since' | 'until'> = {}): NotificationQuery {
  const q: NotificationQuery = { ...extra };
  if (f.agentIds.length > 0) q.agentIds = f.agentIds;
  if (f.types.length > 0) q.types = f.types;
  if (f.pathText !== '') q.path = { text: f.pathText, match: f.pathMatch };
  return q;
}

/** One-line description of a notification's content for the feed row. */
export function describeNotification(n: NotificationRecord): string {
  switch (n.type) {
    case 'ValueChange': return `${n.paramPath} = ${n.paramValue}`;
    case 'ObjectCreation': {
      const keys = Object.entries(n.uniqueKeys).map(([k, v]) => `${k}=${v}`).join(', ');
      return keys ? `${n.objPath} created (${keys})` : `${n.objPath} created`;
    }
    case 'ObjectDeletion': return `${n.objPath} deleted`;
    case 'OperationComplete':
      return n.failure
        ? `${n.objPath}${n.commandName} failed ${n.failure.errCode}: ${n.failure.errMsg} [key ${n.commandKey}]`
        : `${n.objPath}${n.commandName} completed ${formatArgs(n.outputArgs ?? {})} [key ${n.commandKey}]`;
    case 'Event': return `${n.objPath}${n.eventName} ${formatArgs(n.params)}`;
    case 'OnBoardRequest': return `OnBoardRequest ${n.oui}-${n.productClass}-${n.serialNumber} (USP ${n.agentSupportedProtocolVersions})`;
  }
}

function formatArgs(args: Record<string, string>): string {
  const entries = Object.entries(args);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}
