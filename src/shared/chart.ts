import { z } from 'zod';

/**
 * What the charts ask of main: price bars for one contract over a period, and
 * each held contract's sector and type for the allocation view. Both come
 * from the gateway; the renderer never computes a price it was not given.
 */

export const ChartPeriod = z.enum(['1D', '5D', '1M', '6M', '1Y']);
export type ChartPeriod = z.infer<typeof ChartPeriod>;

export const ChartBar = z.object({
  /** Epoch ms of the bar's start. */
  time: z.number(),
  open: z.number(),
  high: z.number(),
  low: z.number(),
  close: z.number(),
  volume: z.number(),
});
export type ChartBar = z.infer<typeof ChartBar>;

export const PriceHistoryRequest = z
  .object({
    symbol: z.string().trim().min(1).max(12),
    /** Known for a held position; a draft typed by symbol may not have one yet. */
    conId: z.number().int().positive().optional(),
    period: ChartPeriod,
  })
  .strict();
export type PriceHistoryRequest = z.infer<typeof PriceHistoryRequest>;

export const PriceHistory = z.object({
  symbol: z.string(),
  conId: z.number().int(),
  period: ChartPeriod,
  /** IB's bar size, e.g. '5 mins' or '1 day'. */
  barSize: z.string(),
  bars: z.array(ChartBar),
});
export type PriceHistory = z.infer<typeof PriceHistory>;

export const AssetType = z.enum(['Stock', 'ETF', 'Option', 'Future', 'Other']);
export type AssetType = z.infer<typeof AssetType>;

export const ContractProfile = z.object({
  conId: z.number().int(),
  /** IB's industry ("Technology"); null when IB gives none (ETFs often say only what they hold). */
  sector: z.string().nullable(),
  assetType: AssetType,
});
export type ContractProfile = z.infer<typeof ContractProfile>;

export const ContractProfilesRequest = z.object({ conIds: z.array(z.number().int().positive()).max(5000) }).strict();
