import type { GatewayKind, TradingMode } from '../../shared/session';

/** The conventional local ports: what a person most likely runs behind each. */
export const KNOWN_PORTS: Record<number, { gateway: GatewayKind; mode: TradingMode; label: string }> = {
  4001: { gateway: 'gateway', mode: 'live', label: 'IB Gateway (live)' },
  4002: { gateway: 'gateway', mode: 'paper', label: 'IB Gateway (paper)' },
  7496: { gateway: 'tws', mode: 'live', label: 'TWS (live)' },
  7497: { gateway: 'tws', mode: 'paper', label: 'TWS (paper)' },
};

/**
 * Paper accounts have ids starting with D (DU..., DF... for advisors); the
 * accounts decide, not the port, because ports are configurable. Unknown
 * until the gateway lists the accounts.
 */
export function tradingModeOf(accounts: readonly string[]): TradingMode {
  if (accounts.length === 0) return 'unknown';
  return accounts.every((account) => account.startsWith('D')) ? 'paper' : 'live';
}
