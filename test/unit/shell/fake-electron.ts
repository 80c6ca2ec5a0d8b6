import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

// A small stand-in for the parts of Electron the shell touches. The real
// binary cannot be downloaded on these machines, and the shell's decisions
// (what a window may do, who may call) are what these tests check.

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame = { url: 'app://countersign/index.html', parent: null };
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }

  /** Emits like Electron does and reports whether a listener called preventDefault. */
  attempt(eventName: string, url: string): boolean {
    let prevented = false;
    this.emit(eventName, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly loadedUrls: string[] = [];
  destroyed = false;

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }

  static fromWebContents(contents: unknown): FakeBrowserWindow | null {
    return FakeBrowserWindow.all.find((window) => window.webContents === contents) ?? null;
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return Promise.resolve();
  }

  focused = true;
  minimized = false;
  readonly calls: string[] = [];

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isFocused(): boolean {
    return this.focused;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.calls.push('restore');
  }

  focus(): void {
    this.calls.push('focus');
  }

  show(): void {
    this.calls.push('show');
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, payload: unknown) => unknown>();

  handle(channel: string, handler: (event: unknown, payload: unknown) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  invoke(channel: string, event: unknown, payload: unknown): unknown {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return handler(event, payload);
  }
}

export const fakeShell = { openExternal: vi.fn(async (_url: string) => {}) };

export function fakeElectronModule() {
  return {
    BrowserWindow: FakeBrowserWindow,
    shell: fakeShell,
    ipcMain: new FakeIpcMain(),
    Notification: FakeNotification,
  };
}

export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string; actions?: unknown[] }) {
    super();
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}
