import type { IpcInvokeEventLike } from '../api/hosts/ipc/ipc-host';

/**
 * The renderer's origin, app://console (see app-protocol.ts), and the checks that depend on it.
 * This file imports nothing from electron, so it is tested under plain Node.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True for a URL of our own page. Compared by scheme and host, not by `URL.origin`: the main
 * process parses URLs with Node's WHATWG URL, which gives a non-special scheme such as app:
 * the opaque origin "null".
 */
export function isOwnUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The parts of Electron's WebContents the sender check reads. */
export interface WebContentsLike {
  readonly id: number;
  readonly mainFrame: unknown;
}

/** IPC senders are checked (Electron security checklist): only the main frame of our own window, showing our own page. */
export function trustedSenderCheck(getWindowContents: () => WebContentsLike | undefined) {
  return (event: IpcInvokeEventLike): boolean => {
    const contents = getWindowContents();
    if (!contents || event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    return frame !== null && frame === contents.mainFrame && isOwnUrl(frame.url);
  };
}
