/**
 * Frames of the headless web bridge: one WebSocket at `ws(s)://<host>/api` carrying ConsoleApi.
 *
 * - Text frames only, each one JSON object.
 * - Authentication is the HttpOnly cookie set by the first visit with `?token=` (the browser
 *   sends it with the upgrade); the server refuses upgrades without it, or from a foreign Origin.
 * - Client → server, a call:    {"id": 7, "method": "getChildren", "params": ["proto::a", "Device."]}
 *     `id` is a number (or string) unique among the client's outstanding calls, echoed back; `params` is the
 *     positional argument array of the ConsoleApi method (trailing optional args may be omitted).
 * - Server → client, its reply: {"id": 7, "result": <value>}   (result null for Promise<void>)
 *                           or: {"id": 7, "error": ConsoleApiErrorData}
 *     Replies may come in any order. Unknown method / malformed frame → error 'invalid-argument'
 *     (with the frame's id when it had a usable one; otherwise id null).
 * - Server → client, a push:    {"event": "notifications", "payload": [ ...batch ]}
 *     Every ConsoleEventName is pushed to every connected client; payloads are the batched arrays
 *     of ConsoleEventMap. No subscription frame is needed.
 */
import type { ConsoleApiErrorData } from './errors';

export const webApiPath = '/api';

export interface WebCallFrame {
  id: number | string;
  method: string;
  params: unknown[];
}

export type WebReplyFrame =
  | { id: number | string | null; result: unknown }
  | { id: number | string | null; error: ConsoleApiErrorData };

export interface WebEventFrame {
  event: string;
  payload: unknown[];
}

export type WebServerFrame = WebReplyFrame | WebEventFrame;
