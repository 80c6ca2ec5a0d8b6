import { useEffect } from 'react';
import { useAppStore } from '../store';

/** 'system' follows the OS (prefers-color-scheme); light or dark pins it. */
export function useTheme(): void {
  const theme = useAppStore((s) => s.settings?.theme ?? 'system');
  useEffect(() => {
    if (theme === 'system') delete document.documentElement.dataset['theme'];
    else document.documentElement.dataset['theme'] = theme;
  }, [theme]);
}
