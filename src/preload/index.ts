import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('consoleApi', {});
