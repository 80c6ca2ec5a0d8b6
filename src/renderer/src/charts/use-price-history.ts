import { useEffect, useState } from 'react';
import type { ChartPeriod, PriceHistory } from '../../../shared/chart';
import { rendererApi } from '../api';

export type HistoryLoad = { status: 'idle' } | { status: 'loading' } | { status: 'loaded'; history: PriceHistory } | { status: 'failed'; message: string };

/** Bars are re-read this often so an open chart keeps adding candles through the day. */
const REFRESH_MS = 60_000;

/**
 * The bars for one symbol and period, asked of main when the subject, the
 * period or the session's readiness changes. An answer for a subject the
 * person has already moved away from is dropped.
 */
export function usePriceHistory(symbol: string | undefined, conId: number | undefined, period: ChartPeriod, sessionReady: boolean): HistoryLoad {
  const [load, setLoad] = useState<HistoryLoad>({ status: 'idle' });
  useEffect(() => {
    if (!symbol || !sessionReady) {
      setLoad({ status: 'idle' });
      return;
    }
    let current = true;
    const read = async (first: boolean): Promise<void> => {
      if (first) setLoad({ status: 'loading' });
      const result = await rendererApi().getPriceHistory({ symbol, ...(conId ? { conId } : {}), period });
      if (!current) return;
      if (result.ok) setLoad({ status: 'loaded', history: result.value });
      // A refresh that fails keeps the candles already shown.
      else if (first) setLoad({ status: 'failed', message: result.error.message });
    };
    void read(true);
    const timer = setInterval(() => void read(false), REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [symbol, conId, period, sessionReady]);
  return load;
}
