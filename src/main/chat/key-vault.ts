/**
 * Where the Anthropic API key lives. In the desktop app: encrypted with the
 * OS keychain (Electron safeStorage) by the shell. The backend only ever sees
 * this interface, never how the key is kept.
 */
export interface KeyVault {
  /** False when only insecure storage exists (Linux basic_text): then no key is kept at all. */
  available(): boolean;
  read(): string | undefined;
  /** Throws KeyStorageRefused when the OS keychain says no (the person clicked "Deny", a locked keyring). */
  save(key: string): void | Promise<void>;
  clear(): void;
}

/** The OS keychain refused to encrypt the key; its message says which keychain and what to do. */
export class KeyStorageRefused extends Error {
  override readonly name = 'KeyStorageRefused';
}

/** Development harness and tests: the key lives only in this process's memory. */
export class MemoryKeyVault implements KeyVault {
  private key: string | undefined;

  constructor(private readonly secure = true) {}

  available(): boolean {
    return this.secure;
  }

  read(): string | undefined {
    return this.key;
  }

  save(key: string): void {
    this.key = key;
  }

  clear(): void {
    this.key = undefined;
  }
}
