import type { ApprovalState } from '../../shared/model/agent';
import type { AgentStatus } from '../controller';

/** The controller's word for an agent's standing and the console's (store, UI), one table both ways. */
const APPROVAL_OF: Record<AgentStatus, ApprovalState> = { accepted: 'approved', held: 'pending', rejected: 'rejected' };
const STATUS_OF: Record<ApprovalState, AgentStatus> = { approved: 'accepted', pending: 'held', rejected: 'rejected' };

export const approvalOf = (status: AgentStatus): ApprovalState => APPROVAL_OF[status];
export const statusOf = (approval: ApprovalState): AgentStatus => STATUS_OF[approval];
