import type { z } from 'zod';
import type { Db } from './database';
import { deepFreeze } from './deep-freeze';

/** One typed setting: its key, its schema, and the value used when nothing valid is stored. */
export interface SettingDefinition<T> {
  key: string;
  schema: z.ZodType<T>;
  fallback: T;
  /**
   * Used instead of `fallback` when a stored value exists but is invalid, for
   * settings where "unknown" must mean the safe choice (a trading switch that
   * was set to halted must not come back as active).
   */
  fallbackWhenInvalid?: T;
}

export interface InvalidSetting {
  key: string;
  stored: string;
  problem: string;
}

export type CheckedSetting<T> = { ok: true; value: T; stored: boolean } | { ok: false; fallback: T; problem: string };

/** The value in force: the stored one, or the fallback when it could not be read (the caller says so). */
export function valueIn<T>(checked: CheckedSetting<T>): T {
  return checked.ok ? checked.value : checked.fallback;
}

export interface SettingsRepository {
  read<T>(definition: SettingDefinition<T>): T;
  /**
   * For settings that protect money: says when the stored value could not be
   * read, so the caller can fail closed instead of running on the fallback.
   */
  readChecked<T>(definition: SettingDefinition<T>): CheckedSetting<T>;
  write<T>(definition: SettingDefinition<T>, value: T, at: number): void;
  /** Several settings in one transaction: all of them are on disk, or none. */
  writeTogether(writes: readonly SettingWrite[], at: number): void;
}

/** One setting and its new value, for writeTogether. */
export interface SettingWrite {
  definition: SettingDefinition<unknown>;
  value: unknown;
}

/** Pairs a setting with a value of its own type. */
export function settingWrite<T>(definition: SettingDefinition<T>, value: T): SettingWrite {
  return { definition: definition as SettingDefinition<unknown>, value };
}

/**
 * Settings as JSON per key, validated on every read. A value that no longer
 * parses (hand-edited, or from an older schema) falls back to the default and
 * is reported, but stays in the database untouched: the person may want it back.
 */
export function createSettingsRepository(db: Db, onInvalid: (invalid: InvalidSetting) => void = () => {}): SettingsRepository {
  const select = db.prepare('SELECT value FROM settings WHERE key = ?');
  const upsert = db.prepare(
    'INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  // The risk checks read their limits on every check: the row is read each
  // time (so a check sees what is stored now), and only parsed and validated
  // again when its text differs from the last valid one. Per definition, as
  // two definitions could share a key with different schemas.
  const lastValid = new WeakMap<SettingDefinition<unknown>, { text: string; checked: CheckedSetting<unknown> }>();
  const readChecked = <T>(definition: SettingDefinition<T>): CheckedSetting<T> => {
    const row = select.get(definition.key) as { value: string } | undefined;
    if (row === undefined) return { ok: true, value: definition.fallback, stored: false };
    const known = lastValid.get(definition as SettingDefinition<unknown>);
    if (known !== undefined && known.text === row.value) return known.checked as CheckedSetting<T>;
    const invalid = (problem: string): CheckedSetting<T> => {
      onInvalid({ key: definition.key, stored: row.value, problem });
      return { ok: false, fallback: definition.fallbackWhenInvalid ?? definition.fallback, problem };
    };
    let raw: unknown;
    try {
      raw = JSON.parse(row.value);
    } catch {
      return invalid('not valid JSON');
    }
    const parsed = definition.schema.safeParse(raw);
    if (!parsed.success) return invalid(parsed.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; '));
    const checked: CheckedSetting<T> = Object.freeze({ ok: true, value: deepFreeze(parsed.data), stored: true });
    lastValid.set(definition as SettingDefinition<unknown>, { text: row.value, checked });
    return checked;
  };
  // Every value is validated before the transaction opens: a bad one writes nothing.
  const writeTogether = (writes: readonly SettingWrite[], at: number): void => {
    const rows = writes.map(({ definition, value }) => [definition.key, JSON.stringify(definition.schema.parse(value))] as const);
    db.transaction(() => {
      for (const [key, value] of rows) upsert.run(key, value, at);
    })();
  };
  return {
    read<T>(definition: SettingDefinition<T>): T {
      return valueIn(readChecked(definition));
    },
    readChecked,
    write<T>(definition: SettingDefinition<T>, value: T, at: number): void {
      writeTogether([settingWrite(definition, value)], at);
    },
    writeTogether,
  };
}
