import { app, session, type WebContents } from 'electron';
import type { IpcInvokeEventLike } from '../api/hosts/ipc/ipc-host';
import { APP_ORIGIN } from './app-protocol';

/**
 * Electron's security checklist, applied to every web contents the app ever creates: no
 * navigation away from the console, no new windows, no <webview>, and every permission
 * request (camera, notifications, ...) denied.
 */
export function hardenWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  }, () => undefined);
}

function isOwnUrl(url: string): boolean {
  try {
    return new URL(url).origin === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** IPC senders are checked: only the main frame of our own window, showing our own page. */
export function trustedSenderCheck(getWindowContents: () => WebContents | undefined) {
  return (event: IpcInvokeEventLike): boolean => {
    const contents = getWindowContents();
    if (!contents || event.sender.id !== contents.id) return false;
    const frame = event.senderFrame;
    return frame !== null && frame === contents.mainFrame && isOwnUrl(frame.url);
  };
}
