import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { callChannel, eventChannel } from '../shared/ipc-contract';
import { buildRendererApi } from '../shared/renderer-api';

// Exposes only the contract's named methods. The page never sees
// ipcRenderer itself, so it cannot send on arbitrary channels.
const api = buildRendererApi({
  invoke: (name, payload) => ipcRenderer.invoke(callChannel(name), payload),
  subscribe: (name, listener) => {
    const channel = eventChannel(name);
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('countersign', api);
