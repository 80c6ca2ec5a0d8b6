import { defaultRiskLimits, RiskLimits, TradingState } from '../../shared/draft';
import type { SettingDefinition } from '../store/settings-repository';

export const riskLimitsSetting: SettingDefinition<RiskLimits> = {
  key: 'risk.limits',
  schema: RiskLimits,
  fallback: defaultRiskLimits,
};

/** 'active' on first start; a stored value that cannot be read means halted, never active. */
export const tradingStateSetting: SettingDefinition<TradingState> = {
  key: 'risk.trading-state',
  schema: TradingState,
  fallback: 'active',
  fallbackWhenInvalid: 'halted',
};
