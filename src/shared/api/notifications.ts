import type { NotificationType, PageRequest } from './common';

interface NotificationBase {
  /** Store row id, increasing in arrival order; unique across agents. */
  id: number;
  agentId: string;
  receivedAt: number;
  msgId: string;
  /** Notify.subscription_id ('' for OnBoardRequest). */
  subscriptionId: string;
  sendResp: boolean;
  /**
   * The path the notification is about, for filtering and display:
   * ValueChange → param_path; ObjectCreation/Deletion → obj_path;
   * OperationComplete → obj_path + command_name; Event → obj_path + event_name; OnBoardRequest → ''.
   */
  path: string;
}

export type NotificationRecord = NotificationBase & (
  | { type: 'ValueChange'; paramPath: string; paramValue: string }
  | { type: 'ObjectCreation'; objPath: string; uniqueKeys: Record<string, string> }
  | { type: 'ObjectDeletion'; objPath: string }
  | {
    type: 'OperationComplete';
    objPath: string;
    commandName: string;
    commandKey: string;
    /** Present on success (req_output_args). */
    outputArgs?: Record<string, string>;
    /** Present on failure (cmd_failure). */
    failure?: { errCode: number; errMsg: string };
  }
  | { type: 'Event'; objPath: string; eventName: string; params: Record<string, string> }
  | {
    type: 'OnBoardRequest';
    oui: string;
    productClass: string;
    serialNumber: string;
    agentSupportedProtocolVersions: string;
  }
);

export type PathMatch = 'exact' | 'prefix' | 'contains';

export interface NotificationQuery extends PageRequest {
  agentIds?: string[];
  types?: NotificationType[];
  /** Filter on NotificationRecord.path. */
  path?: { text: string; match: PathMatch };
  /** receivedAt >= since. */
  since?: number;
  /** receivedAt < until. */
  until?: number;
}

/**
 * Something the console did on its own about an agent that the user should know, shown in the
 * feed beside the agent's notifications: "re-created 2 subscriptions after Boot!".
 */
export interface ConsoleNote {
  agentId: string;
  at: number;
  message: string;
  /** 'error' when the console tried and failed. */
  level: 'info' | 'error';
}
