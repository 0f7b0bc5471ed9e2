/**
 * Electron IPC channel names, prefixed by direction (Bruno's convention): 'api:<method>' for
 * renderer → main calls (ipcRenderer.invoke), 'event:push' for main → renderer batches.
 * Shared by the IPC host and the preload so the two cannot drift apart.
 */
export const callChannel = (method: string): string => `api:${method}`;
export const EVENT_CHANNEL = 'event:push';
