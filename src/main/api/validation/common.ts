import { z } from 'zod';
import { notificationTypes, type NotificationType } from '../../../shared/api/common';

/**
 * Building blocks of the ConsoleApi argument schemas. Limits are generous for real use and
 * small enough that one call cannot make main allocate without bound.
 */

/** True when the text has no control characters (paths, names, ids travel into SQL, logs and USP). */
function printable(value: string): boolean {
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

export const text = (max: number) => z.string().max(max).refine(printable, 'must not contain control characters');
export const nonEmptyText = (max: number) => text(max).min(1, 'must not be empty');

/** A USP Endpoint ID: 'authority-scheme::authority-id' (R-ARC.1 style), at most 256 chars. */
export const endpointId = nonEmptyText(256).regex(/^[^\s:]+:[^\s:]*:\S+$/, 'must be a USP Endpoint ID like "proto::agent-1" or "oui:00256D:agent-1"');

/** A USP path of any kind (object, parameter, command, event, search path); syntax is checked by the agent. */
export const uspPath = nonEmptyText(4096).regex(/^Device\./, 'must be a USP path starting with "Device."');
/** An object path (ends with '.'). */
export const objectPath = uspPath.regex(/\.$/, 'must be an object path ending with "."');
/** A command path (ends with '()'). */
export const commandPath = uspPath.regex(/\(\)$/, 'must be a command path ending with "()"');

/** A parameter value in its lexical form; base64/hexBinary blobs can be large. */
export const paramValue = z.string().max(1_048_576);

export const epochMs = z.number().int().min(0).max(8.64e15);
export const positiveMs = (max: number) => z.number().int().min(1).max(max);

export const notificationType = z.enum(notificationTypes as [NotificationType, ...NotificationType[]]);
export const subscribableType = z.enum(['ValueChange', 'ObjectCreation', 'ObjectDeletion', 'OperationComplete', 'Event']);
export const mtpKind = z.enum(['websocket', 'mqtt', 'stomp', 'uds']);

export const pageRequest = {
  cursor: text(512).optional(),
  limit: z.number().int().min(1).max(1000).optional(),
};

/**
 * An optional trailing argument. JSON turns an `undefined` inside the argument array into
 * null, so null means "absent" too.
 */
export function optionalArg<T extends z.ZodType>(schema: T) {
  return schema.nullish().transform((v) => v ?? undefined);
}

/** String → string map (unique keys, command arguments), bounded in size. */
export const stringMap = z
  .record(nonEmptyText(1024), paramValue)
  .refine((m) => Object.keys(m).length <= 1000, 'at most 1000 entries');
