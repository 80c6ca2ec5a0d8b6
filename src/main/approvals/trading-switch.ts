import { z } from 'zod';
import type { TradingState } from '../../shared/draft';
import { HaltScope } from '../../shared/queue';
import { tradingStateSetting } from '../risk/settings';
import { settingWrite, type SettingDefinition, type SettingsRepository } from '../store/settings-repository';
import type { StoreHealth } from '../store/store-health';

/** The scope of the halt whose cancel is owed. */
export const haltScopeSetting: SettingDefinition<HaltScope> = { key: 'risk.halt-scope', schema: HaltScope, fallback: 'countersign', fallbackWhenInvalid: 'countersign-all' };

/** A halt whose cancel has not been written to the gateway socket yet: sent on the next reconnect. */
// Unreadable means owed: sending a cancel twice is harmless, never sending it is not.
export const haltCancelOwedSetting: SettingDefinition<boolean> = { key: 'risk.global-cancel-owed', schema: z.boolean(), fallback: false, fallbackWhenInvalid: true };

/**
 * The trading switch (active, reducing only, halted) and whether a halt
 * still owes its cancel. Memory is the truth the order gate reads, so a halt
 * takes effect even when the database cannot be written; the durable copy
 * follows, and a copy that could not be written is a store problem the
 * person sees and that is retried until it lands.
 */
export class TradingSwitch {
  private current: TradingState;
  private owed: boolean;
  private scope: HaltScope;

  constructor(
    private readonly settings: SettingsRepository,
    private readonly health: StoreHealth,
    private readonly now: () => number,
  ) {
    this.current = settings.read(tradingStateSetting);
    this.owed = settings.read(haltCancelOwedSetting);
    this.scope = settings.read(haltScopeSetting);
  }

  get haltScope(): HaltScope {
    return this.scope;
  }

  /** Halted, with the cancels of this scope owed until they are written: one record. */
  halt(scope: HaltScope): boolean {
    this.current = 'halted';
    this.scope = scope;
    this.owed = true;
    return this.persist();
  }

  get state(): TradingState {
    return this.current;
  }

  get cancelOwed(): boolean {
    return this.owed;
  }

  /** Returns whether the new state is on disk. */
  set(state: TradingState): boolean {
    this.current = state;
    return this.persist();
  }

  setCancelOwed(owed: boolean): boolean {
    this.owed = owed;
    return this.persist();
  }

  private persist(): boolean {
    // Both values are written from memory at the moment of writing, so a
    // retry never records an older state than the one in force.
    return this.health.record('trading-switch', 'the trading switch (halted / active) and the halt’s cancel', () => {
      // One transaction: "halted" is never on disk without the cancel it owes
      // and its scope, whatever crash or failed write comes in between.
      this.settings.writeTogether(
        [settingWrite(haltCancelOwedSetting, this.owed), settingWrite(haltScopeSetting, this.scope), settingWrite(tradingStateSetting, this.current)],
        this.now(),
      );
    });
  }
}
