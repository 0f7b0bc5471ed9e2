/**
 * Small shared vocabulary of the ConsoleApi DTOs.
 *
 * Conventions for every DTO in src/shared/api/:
 * - Timestamps are epoch milliseconds (number), UTC.
 * - Paths are USP paths spelled as on the wire: object paths end with '.',
 *   parameter paths do not, commands end with '()', events with '!'
 *   (see the USP paths note). Schema paths use '{i}' for instance numbers.
 * - Parameter values are strings in their TR-106 lexical form, exactly as USP carries them.
 * - Everything is plain JSON data (no Date, Map, bigint, undefined-only semantics) so it
 *   crosses Electron IPC (structured clone) and the WebSocket bridge (JSON) unchanged.
 *   Optional fields may be absent; `null` means "known to be unknown/none".
 */
import { PARAM_TYPES, type CommandType, type ObjectAccess, type ParamType } from '../model/schema';

/** TR-106 base types (GSDM value_type), access kinds and support flags: the model's own types. */
export type { ParamAccess, ParamType, ValueChangeSupport } from '../model/schema';

export const paramTypes: readonly ParamType[] = PARAM_TYPES;

/** GSDM ObjAccessType. */
export type ObjAccess = ObjectAccess;

/** GSDM CmdType. */
export type CommandKind = CommandType;

/** The MTPs an agent can be reached over. */
export type MtpKind = 'websocket' | 'mqtt' | 'stomp' | 'uds';

/** The notification types of Notify (usp-msg notification oneof). */
export type NotificationType =
  | 'Event'
  | 'ValueChange'
  | 'ObjectCreation'
  | 'ObjectDeletion'
  | 'OperationComplete'
  | 'OnBoardRequest';

export const notificationTypes: readonly NotificationType[] = [
  'ValueChange', 'ObjectCreation', 'ObjectDeletion', 'OperationComplete', 'Event', 'OnBoardRequest',
];

/** NotifType values a Subscription may use (OnBoardRequest is not subscribable). */
export type SubscribableNotificationType = Exclude<NotificationType, 'OnBoardRequest'>;

/**
 * Optional value constraints, when the host knows them (e.g. from a built-in TR-181
 * table; GetSupportedDM itself carries none). The renderer validates edits against them.
 */
export interface ValueConstraints {
  /** Allowed values (exact, case-sensitive). For lists: allowed items. */
  enumeration?: string[];
  /** String length bounds in characters (hexBinary/base64: bytes). */
  minLength?: number;
  maxLength?: number;
  /** Inclusive numeric ranges; a value must fall in one of them. Bounds as decimal strings (64-bit safe). */
  ranges?: { min?: string; max?: string }[];
  /** The value is a comma-separated list of items of the parameter's type. */
  list?: boolean;
  /** Secured parameter: reads return '' unless the controller has a secured role. */
  secured?: boolean;
  /** Reference to rows of this table (schema path), e.g. 'Device.IP.Interface.{i}.'. */
  referenceTo?: string;
}

/**
 * What the built-in TR-181 reference (Device:2.19, resources/tr181/) adds to a parameter or
 * argument beyond GetSupportedDM, which carries no units, defaults or hints. The agent's GSDM
 * wins where it says something (type, access); the reference fills in the rest.
 */
export interface ReferenceFacts {
  /** false: the standard model has no such parameter/argument (a vendor extension, X_…). */
  standard: boolean;
  units?: string;
  /** Object default, or the value an omitted argument takes, in USP wire form. */
  default?: string;
  /** The value changes by itself (counters, uptime, clocks): diffs may ignore it. */
  volatile?: boolean;
  /** Named data type, e.g. 'IPAddress', 'MACAddress'. */
  dataType?: string;
  /** 'deprecated' | 'obsoleted' when the standard says so. */
  status?: string;
}

/** One page of a paged query; items newest first unless stated otherwise. */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` to get the next (older) page; null = no more. */
  nextCursor: string | null;
  /** Total matching rows when cheap to know; absent otherwise. */
  total?: number;
}

/** Paging input shared by every paged query. */
export interface PageRequest {
  /** Opaque cursor from a previous Page.nextCursor. Absent = first (newest) page. */
  cursor?: string;
  /** Page size, 1..1000; default 200. */
  limit?: number;
}

/** Where a value or tree came from. 'cache' = stored copy (agent offline or not asked again). */
export type DataSource = 'live' | 'cache';
