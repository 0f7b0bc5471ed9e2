export { Controller, type ControllerOptions, type RequestOptions } from './controller';
export type { AgentAddress, AgentInfo, AgentStatus, PresenceChange, RestoredAgent } from './agent-registry';
export type { ControllerEvents, ControllerWarning, DroppedRecord, LinkEvent, NotificationEvent, TraceEntry } from './events';
export { AgentNotApprovedError, AgentUnreachableError, OperationTimeoutError, RequestTimeoutError } from './errors';
export { UnexpectedResponseError, UspErrorResponse } from '../usp/messages';
export type { OperateCommandOutcome, OperateOptions, OperateOutcome } from './operations';
export {
  NOTIF_TYPES,
  SubscriptionError,
  newSubscriptionId,
  referenceCovers,
  type NotifType,
  type SubscriptionInfo,
  type SubscriptionSpec,
} from './subscriptions';
