import { memo, type JSX } from 'react';
import type { NotificationRecord, NotificationType } from '../../../shared/console-api';
import { formatClock } from '../../lib/format';
import { describeNotification } from './feed-filter';

const TYPE_COLOR: Record<NotificationType, string> = {
  ValueChange: 'blue', ObjectCreation: 'green', ObjectDeletion: 'red', OperationComplete: 'grape', Event: 'orange', OnBoardRequest: 'teal',
};

/** One notification; memoised and built from plain elements so a busy feed re-renders little. */
export const FeedRow = memo(function FeedRow({ n, onOpenPath }: {
  n: NotificationRecord;
  onOpenPath: (agentId: string, path: string) => void;
}): JSX.Element {
  const text = describeNotification(n);
  return (
    <div
      className="list-row"
      role="row"
      data-testid="feed-row"
      data-type={n.type}
      data-agent={n.agentId}
      title="Double-click to show it in the tree"
      onDoubleClick={() => onOpenPath(n.agentId, n.type === 'OperationComplete' || n.type === 'Event' ? n.objPath : n.path || 'Device.')}
    >
      <span className="mono" style={{ flex: '0 0 90px' }}>{formatClock(n.receivedAt)}</span>
      <span className="type-tag" style={{ flex: '0 0 140px', color: `var(--mantine-color-${TYPE_COLOR[n.type]}-text)` }}>{n.type}</span>
      <span style={{ flex: '0 0 200px', overflow: 'hidden', textOverflow: 'ellipsis' }}>{n.agentId}</span>
      <span className="mono grow" title={text}>{text}</span>
    </div>
  );
});
