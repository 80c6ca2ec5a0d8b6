const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const quantity = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const percent = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** A dash for what the gateway has not said yet, never a made-up zero. */
export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : money.format(value);
}

export function formatSignedMoney(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value > 0 ? '+' : ''}${money.format(value)}`;
}

export function formatQuantity(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : quantity.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${percent.format(value)}%`;
}

export function pnlTone(value: number | null | undefined): 'gain' | 'loss' | 'flat' {
  if (!value) return 'flat';
  return value > 0 ? 'gain' : 'loss';
}
