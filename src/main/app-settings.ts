import { defaultSettings, Settings } from '../shared/settings';
import type { SettingDefinition } from './store/settings-repository';

/** The renderer-visible settings, stored as one value (the API key is never part of it). */
export const appSettingsDefinition: SettingDefinition<Settings> = {
  key: 'app.settings',
  schema: Settings,
  fallback: defaultSettings,
};
