import type { IpcInvokeEventLike } from './ipc-host';

/**
 * Who may call the ConsoleApi over Electron IPC (Electron security checklist: check IPC
 * senders; R-SEC in security.md for the console's own trust rules). Kept out of
 * src/main/electron/ so it loads, and is tested, without Electron.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * True for a page of our own app:// origin. Compares scheme and host rather than
 * `URL.origin`: under Node's URL (Electron's main process) a non-special scheme such as
 * app: has the opaque origin "null", which would never match.
 */
export function isOwnAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** The parts of Electron's WebContents the check reads; the real object satisfies it. */
export interface WindowContentsLike {
  readonly id: number;
  readonly mainFrame: unknown;
}

/** IPC senders are checked: only the main frame of our own window, showing our own page. */
export function trustedSenderCheck(getWindowContents: () => WindowContentsLike | undefined) {
  return (event: IpcInvokeEventLike): boolean => {
    const contents = getWindowContents();
    if (!contents || event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    return frame !== null && frame === contents.mainFrame && isOwnAppUrl(frame.url);
  };
}
