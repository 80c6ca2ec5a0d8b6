/** The theme's colours, read from the CSS variables so charts match light and dark. */
export interface ChartPalette {
  text: string;
  muted: string;
  border: string;
  panel: string;
  up: string;
  down: string;
  accent: string;
  warn: string;
}

export function readPalette(): ChartPalette {
  const style = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  return {
    text: css('--text', '#15181d'),
    muted: css('--muted', '#5c6470'),
    border: css('--border', '#d9dde3'),
    panel: css('--panel', '#ffffff'),
    up: css('--good', '#137333'),
    down: css('--bad', '#b3261e'),
    accent: css('--focus', '#1a73e8'),
    warn: css('--busy', '#8a5a00'),
  };
}
