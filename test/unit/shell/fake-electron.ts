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

  loading = false;

  isLoading(): boolean {
    return this.loading;
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
  visible = true;
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
    this.visible = true;
    this.calls.push('show');
  }

  hide(): void {
    this.visible = false;
    this.calls.push('hide');
  }

  isVisible(): boolean {
    return this.visible;
  }

  /** Closes like Electron: 'close' can be prevented; otherwise the window is destroyed and 'closed' follows. */
  close(): void {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return;
    this.destroyed = true;
    this.emit('closed');
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
    Tray: FakeTray,
    Menu: FakeMenu,
    globalShortcut: fakeGlobalShortcut,
    safeStorage: fakeSafeStorage,
    dialog: fakeDialog,
  };
}

/** Native message boxes: records what was shown and answers with `nextResponse` (the index of the button pressed). */
export const fakeDialog = {
  shown: [] as { parent: unknown; options: Record<string, unknown> }[],
  nextResponse: 0,
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const [parent, options] = args.length === 2 ? args : [undefined, args[0]];
    this.shown.push({ parent, options: options as Record<string, unknown> });
    return Promise.resolve({ response: this.nextResponse, checkboxChecked: false });
  },
  reset(): void {
    this.shown.length = 0;
    this.nextResponse = 0;
  },
};

export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  /** Every notification ever constructed, shown or not: none may carry actions. */
  static readonly constructed: FakeNotification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  static reset(): void {
    FakeNotification.shown.length = 0;
    FakeNotification.constructed.length = 0;
    FakeNotification.supported = true;
  }
  constructor(readonly options: { title: string; body: string; actions?: unknown[]; urgency?: string; [key: string]: unknown }) {
    super();
    FakeNotification.constructed.push(this);
  }
  show(): void {
    FakeNotification.shown.push(this);
  }
}

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export class FakeMenu {
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(template: FakeMenuItem[]): FakeMenu {
    return new FakeMenu(template);
  }
}

export class FakeTray extends EventEmitter {
  static readonly all: FakeTray[] = [];
  image: string;
  tooltip = '';
  title = '';
  menu: FakeMenu | undefined;
  menusBuilt = 0;
  destroyed = false;

  constructor(image: string) {
    super();
    this.image = image;
    FakeTray.all.push(this);
  }

  setImage(image: string): void {
    this.image = image;
  }

  setToolTip(tooltip: string): void {
    this.tooltip = tooltip;
  }

  setTitle(title: string): void {
    this.title = title;
  }

  setContextMenu(menu: FakeMenu): void {
    this.menu = menu;
    this.menusBuilt += 1;
  }

  destroy(): void {
    this.destroyed = true;
  }

  /** The menu item with this label; fails the test when there is none. */
  item(label: string): FakeMenuItem {
    const found = this.menu?.items.find((entry) => entry.label === label);
    if (!found) throw new Error(`No tray menu item '${label}' in ${JSON.stringify(this.menu?.items.map((entry) => entry.label))}`);
    return found;
  }
}

/** Global shortcuts as the OS sees them; `othersOwn` simulates a combination another app already took. */
export const fakeGlobalShortcut = {
  registered: new Map<string, () => void>(),
  othersOwn: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    if (this.othersOwn.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
  press(accelerator: string): void {
    this.registered.get(accelerator)?.();
  },
  reset(): void {
    this.registered.clear();
    this.othersOwn.clear();
  },
};

/** safeStorage stand-in: "encrypts" by reversing and prefixing, so a test can see the key is not stored as is. */
export const fakeSafeStorage = {
  backend: 'gnome_libsecret' as string,
  encryptionAvailable: true,
  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(text: string): Buffer {
    return Buffer.from(`enc:${[...text].reverse().join('')}`);
  },
  decryptString(data: Buffer): string {
    const text = data.toString();
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...text.slice(4)].reverse().join('');
  },
};
