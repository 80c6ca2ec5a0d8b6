import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { App, CustomScheme, Dialog, GlobalShortcut, Net, Protocol, SafeStorage, Session } from 'electron';
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

function freshInstances() {
  const app = new FakeApp();
  return {
    app,
    protocol: new FakeProtocol(() => app.isReady()),
    session: { defaultSession: new FakeSession() },
    dialog: fakeDialog,
    powerMonitor: new FakePowerMonitor(),
    ipcMain: new FakeIpcMain(),
  };
}

/**
 * The module `vi.mock('electron', ...)` returns. Vitest keeps one mocked
 * module per test file, even across vi.resetModules(), so the stateful parts
 * are getters over instances that `resetFakeElectron()` replaces: a test that
 * re-imports the composition root gets a fresh app every time.
 */
export function fakeElectronModule() {
  let instances = freshInstances();
  return {
    get app() {
      return instances.app;
    },
    get protocol() {
      return instances.protocol;
    },
    get session() {
      return instances.session;
    },
    get dialog() {
      return instances.dialog;
    },
    get powerMonitor() {
      return instances.powerMonitor;
    },
    get ipcMain() {
      return instances.ipcMain;
    },
    net: fakeNet,
    BrowserWindow: FakeBrowserWindow,
    shell: fakeShell,
    Notification: FakeNotification,
    Tray: FakeTray,
    Menu: FakeMenu,
    globalShortcut: fakeGlobalShortcut,
    safeStorage: fakeSafeStorage,
    resetFakeElectron(): void {
      instances = freshInstances();
      FakeBrowserWindow.all.length = 0;
      FakeTray.all.length = 0;
      FakeTray.failNext = undefined;
      FakeApp.lockedElsewhere.clear();
      FakeNotification.reset();
      fakeGlobalShortcut.reset();
      fakeSafeStorage.keychainDenies = false;
      fakeSafeStorage.encryptionAvailable = true;
      fakeDialog.reset();
    },
  };
}

export type FakeElectron = ReturnType<typeof fakeElectronModule>;

/** A preventable Electron event, as listeners receive it. */
export interface FakeEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

function preventable(): FakeEvent {
  let prevented = false;
  return {
    preventDefault: () => (prevented = true),
    get defaultPrevented() {
      return prevented;
    },
  };
}

type PathName = Parameters<App['getPath']>[0];

/**
 * `app` with the lifecycle our composition root depends on: ready, the
 * single-instance lock (keyed, like Electron's, on the userData folder), and
 * quit's order: 'before-quit' (preventable), windows close, 'will-quit'
 * (preventable), then 'quit'.
 */
export class FakeApp
  extends EventEmitter
  implements Pick<App, 'getPath' | 'setPath' | 'getAppPath' | 'getVersion' | 'whenReady' | 'isReady' | 'requestSingleInstanceLock' | 'quit' | 'exit' | 'setAppUserModelId' | 'setBadgeCount' | 'setDesktopName'>
{
  /** userData folders whose lock another instance holds. */
  static readonly lockedElsewhere = new Set<string>();
  isPackaged = false;
  readonly paths = new Map<PathName, string>();
  appPath = '/app';
  version = '0.1.0';
  appUserModelId: string | undefined;
  desktopName: string | undefined;
  badgeCount = 0;
  ready = false;
  exitCode: number | undefined;
  quitRequests = 0;
  readonly commandLine = {
    switches: new Map<string, string>(),
    appendSwitch(name: string, value?: string): void {
      this.switches.set(name, value ?? '');
    },
  };
  private readonly readyPromise: Promise<void>;
  private resolveReady: () => void = () => {};

  constructor() {
    super();
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }

  getPath(name: PathName): string {
    const found = this.paths.get(name);
    if (!found) throw new Error(`Failed to get '${name}' path`);
    return found;
  }

  setPath(name: PathName, value: string): void {
    if (this.ready && name === 'userData') throw new Error('The fake only lets userData change before ready, as the lock depends on it');
    this.paths.set(name, value);
  }

  getAppPath(): string {
    return this.appPath;
  }

  getVersion(): string {
    return this.version;
  }

  whenReady(): Promise<void> {
    return this.readyPromise;
  }

  isReady(): boolean {
    return this.ready;
  }

  /** What Electron does once the platform is up. */
  becomeReady(): void {
    this.ready = true;
    this.emit('ready');
    this.resolveReady();
  }

  requestSingleInstanceLock(): boolean {
    return !FakeApp.lockedElsewhere.has(this.getPath('userData'));
  }

  quit(): void {
    this.quitRequests += 1;
    const beforeQuit = preventable();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const window of [...FakeBrowserWindow.all]) if (!window.isDestroyed()) window.close();
    const willQuit = preventable();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.exitCode ??= 0;
    this.emit('quit', preventable(), this.exitCode);
  }

  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }

  get exited(): boolean {
    return this.exitCode !== undefined;
  }

  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }

  setBadgeCount(count?: number): boolean {
    this.badgeCount = count ?? 0;
    return true;
  }

  setDesktopName(name: string): void {
    this.desktopName = name;
  }
}

export class FakeProtocol implements Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  /** Set when a scheme was registered after ready, which Electron ignores. */
  registeredLate = false;

  constructor(private readonly isReady: () => boolean = () => false) {}

  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    if (this.isReady()) this.registeredLate = true;
    this.privileged.push(...customSchemes);
  }

  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }

  /** A request as the renderer would make it. */
  async request(url: string, init?: RequestInit): Promise<Response> {
    const handler = this.handlers.get(new URL(url).protocol.replace(/:$/, ''));
    if (!handler) throw new Error(`No handler for ${url}`);
    return handler(new Request(url, init));
  }
}

/** net.fetch for the file:// URLs the app:// handler reads; like Electron's, it rejects for a missing file. */
export const fakeNet = {
  async fetch(input: string | Request): Promise<Response> {
    const url = typeof input === 'string' ? input : input.url;
    try {
      return new Response(await readFile(fileURLToPath(url)), { status: 200 });
    } catch {
      throw new Error(`net::ERR_FILE_NOT_FOUND ${url}`);
    }
  },
};

export class FakeSession {
  permissionRequestHandler: unknown;
  permissionCheckHandler: unknown;
  devicePermissionHandler: unknown;
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>): void => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(handler: unknown): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: unknown): void {
    this.permissionCheckHandler = handler;
  }
  setDevicePermissionHandler(handler: unknown): void {
    this.devicePermissionHandler = handler;
  }
}

export class FakeDialog implements Pick<Dialog, 'showErrorBox'> {
  readonly errorBoxes: { title: string; content: string }[] = [];
  /** Message boxes shown, answered with `nextResponse` (the index of the button pressed). */
  readonly shown: { parent: unknown; options: Record<string, unknown> }[] = [];
  nextResponse = 0;
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push({ title, content });
  }
  showMessageBox(...args: unknown[]): Promise<{ response: number; checkboxChecked: boolean }> {
    const [parent, options] = args.length === 2 ? args : [undefined, args[0]];
    this.shown.push({ parent, options: options as Record<string, unknown> });
    return Promise.resolve({ response: this.nextResponse, checkboxChecked: false });
  }
  reset(): void {
    this.errorBoxes.length = 0;
    this.shown.length = 0;
    this.nextResponse = 0;
  }
}

/** The one dialog module of the mocked electron (its state is reset with the rest). */
export const fakeDialog = new FakeDialog();

export class FakePowerMonitor extends EventEmitter {
  /** What the OS does before shutting down (Linux, macOS): Electron delays it while a listener prevents it. */
  shutDown(): FakeEvent {
    const event = preventable();
    this.emit('shutdown', event);
    return event;
  }
}

// The type checker holds the doubles to Electron's own signatures.
const _commandLineSignatures: Pick<App['commandLine'], 'appendSwitch'> = new FakeApp().commandLine;
const _netSignatures: Pick<Net, 'fetch'> = fakeNet;
const _sessionSignatures: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'> = new FakeSession();
void _commandLineSignatures;
void _netSignatures;
void _sessionSignatures;

export class FakeNotification extends EventEmitter {
  static readonly shown: FakeNotification[] = [];
  /** Every notification ever constructed, shown or not: none may carry actions. */
  static readonly constructed: FakeNotification[] = [];
  static supported = true;
  /**
   * False models an OS that accepts a notification and never shows it (an
   * unsigned macOS build, Focus, a Windows app without a Start menu entry):
   * show() raises no error, the person just never sees it.
   */
  static delivered = true;
  /** Notifications the person could actually see. */
  static readonly seen: FakeNotification[] = [];
  static activationHandler: ((details: { type: string; arguments: string }) => void) | undefined;
  static isSupported(): boolean {
    return FakeNotification.supported;
  }
  /** A click that launched the app before any handler was registered (Windows cold start). */
  static pendingActivation: { type: string; arguments: string } | undefined;
  /** What macOS' Notification Centre still holds from an earlier run. */
  static history: FakeNotification[] = [];
  static handleActivation(callback: (details: { type: string; arguments: string }) => void): void {
    FakeNotification.activationHandler = callback;
    const pending = FakeNotification.pendingActivation;
    FakeNotification.pendingActivation = undefined;
    // Electron calls back at once for an activation that came first.
    if (pending) callback(pending);
  }
  static async getHistory(): Promise<FakeNotification[]> {
    return FakeNotification.history;
  }
  /** The OS activating a toast, as Windows does through handleActivation. */
  static activate(launchArguments: string): void {
    const details = { type: 'click', arguments: launchArguments };
    if (FakeNotification.activationHandler) FakeNotification.activationHandler(details);
    else FakeNotification.pendingActivation = details;
  }
  static reset(): void {
    FakeNotification.shown.length = 0;
    FakeNotification.constructed.length = 0;
    FakeNotification.seen.length = 0;
    FakeNotification.supported = true;
    FakeNotification.delivered = true;
    FakeNotification.activationHandler = undefined;
    FakeNotification.pendingActivation = undefined;
    FakeNotification.history = [];
  }
  readonly id: string;
  constructor(readonly options: { title: string; body: string; actions?: unknown[]; urgency?: string; id?: string; [key: string]: unknown }) {
    super();
    this.id = options.id || 'random-uuid';
    FakeNotification.constructed.push(this);
  }
  show(): void {
    FakeNotification.shown.push(this);
    if (FakeNotification.delivered) FakeNotification.seen.push(this);
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

  /** Makes the next `new Tray()` throw, as Electron does for an image argument it cannot convert. */
  static failNext: Error | undefined;

  constructor(image: string) {
    super();
    const failure = FakeTray.failNext;
    FakeTray.failNext = undefined;
    if (failure) throw failure;
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

/**
 * Global shortcuts as the OS sees them. `othersOwn` is a combination another
 * app already took and the OS says so (register returns false);
 * `silentlyTaken` is one the OS accepts and then delivers elsewhere, as some
 * Linux desktops and macOS do: register returns true and a press never arrives.
 */
export const fakeGlobalShortcut = {
  registered: new Map<string, () => void>(),
  othersOwn: new Set<string>(),
  silentlyTaken: new Set<string>(),
  register(accelerator: string, callback: () => void): boolean {
    if (this.othersOwn.has(accelerator) || this.registered.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  },
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  },
  unregisterAll(): void {
    this.registered.clear();
  },
  isRegistered(accelerator: string): boolean {
    return this.registered.has(accelerator);
  },
  press(accelerator: string): void {
    if (this.silentlyTaken.has(accelerator)) return;
    this.registered.get(accelerator)?.();
  },
  reset(): void {
    this.registered.clear();
    this.othersOwn.clear();
    this.silentlyTaken.clear();
  },
};
const _globalShortcutSignatures: Pick<GlobalShortcut, 'register' | 'unregister' | 'unregisterAll' | 'isRegistered'> = fakeGlobalShortcut;
void _globalShortcutSignatures;

type StorageBackend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

/**
 * safeStorage stand-in: "encrypts" by reversing and prefixing, so a test can
 * see the key is not stored as is. `keychainDenies` makes it fail the way
 * Electron does when the person clicks "Deny" on the macOS keychain prompt
 * (or the keyring is locked): encryption and decryption throw.
 */
export const fakeSafeStorage = {
  backend: 'gnome_libsecret' as StorageBackend,
  encryptionAvailable: true,
  keychainDenies: false,
  isEncryptionAvailable(): boolean {
    return this.encryptionAvailable;
  },
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    return this.encryptionAvailable;
  },
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  },
  encryptString(text: string): Buffer {
    if (this.keychainDenies) throw new Error('Error while encrypting the text provided to safeStorage.encryptString.');
    return Buffer.from(`enc:${[...text].reverse().join('')}`);
  },
  decryptString(data: Buffer): string {
    if (this.keychainDenies) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const text = data.toString();
    if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return [...text.slice(4)].reverse().join('');
  },
  async encryptStringAsync(text: string): Promise<Buffer> {
    if (this.keychainDenies) throw new Error('Error while encrypting the text provided to safeStorage.encryptStringAsync.');
    return this.encryptString(text);
  },
  async decryptStringAsync(data: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }> {
    if (this.keychainDenies) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.');
    return { shouldReEncrypt: false, result: this.decryptString(data) };
  },
};
const _safeStorageSignatures: Pick<
  SafeStorage,
  'isEncryptionAvailable' | 'isAsyncEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString' | 'encryptStringAsync' | 'decryptStringAsync'
> = fakeSafeStorage;
void _safeStorageSignatures;
