import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { join } from 'node:path';
import { attachIpcHost } from '../api/ipc-host';
import { createApp, type App } from '../app/create-app';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { installMenu } from './menu';
import { trustedSenderCheck } from '../api/ipc-trust';
import { hardenWebContents } from './security';
import { createMainWindow } from './window';

// The desktop host: the same composition root as `usp-console serve`, with the ConsoleApi
// carried over IPC to one sandboxed window. The database lives in Electron's userData folder.
registerAppScheme();
hardenWebContents();

let consoleApp: App | undefined;
let mainWindow: BrowserWindow | undefined;

async function start(): Promise<void> {
  installMenu();
  serveRenderer(join(import.meta.dirname, '../renderer'));
  consoleApp = await createApp({
    dataDir: app.getPath('userData'),
    host: 'electron',
    appVersion: app.getVersion(),
    ...(process.env.USP_CONSOLE_SQLITE_BINDING ? { sqliteNativeBinding: process.env.USP_CONSOLE_SQLITE_BINDING } : {}),
  });
  attachIpcHost({
    ipcMain,
    dispatcher: consoleApp.dispatcher,
    isTrustedSender: trustedSenderCheck(() => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : undefined)),
    sendEvent: (channel, event, payload) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, event, payload);
    },
  });
  mainWindow = createMainWindow();
}

app.whenReady().then(start, () => undefined).catch((err: unknown) => {
  dialog.showErrorBox('USP Console could not start', err instanceof Error ? err.message : String(err));
  app.exit(1);
});

app.on('activate', () => {
  if (consoleApp && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Close transports and the database cleanly before the process goes away.
let closing = false;
app.on('before-quit', (event) => {
  if (closing || !consoleApp) return;
  closing = true;
  event.preventDefault();
  void consoleApp.close().finally(() => app.quit());
});
