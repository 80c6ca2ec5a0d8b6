import { useEffect, useRef, useState } from 'react';
import { clock } from '../clock';

/**
 * `value`, passed on at most once per `intervalMs` (the latest value wins).
 * A change of `key` (a new subject), a first value and a return to null pass
 * at once: a new symbol's chart never shows the previous symbol's price.
 */
export function useSampled<T>(value: T, intervalMs: number, key: string): T {
  const [sampled, setSampled] = useState({ value, key });
  const lastAt = useRef(-Infinity);
  const latest = useRef(value);
  latest.current = value;
  const immediate = key !== sampled.key || sampled.value === null || value === null;
  useEffect(() => {
    if (Object.is(value, sampled.value) && key === sampled.key) return;
    const wait = lastAt.current + intervalMs - clock.monotonicNow();
    if (immediate || wait <= 0) {
      lastAt.current = clock.monotonicNow();
      setSampled({ value, key });
      return;
    }
    const timer = setTimeout(() => {
      lastAt.current = clock.monotonicNow();
      setSampled({ value: latest.current, key });
    }, wait);
    return () => clearTimeout(timer);
  }, [value, key, sampled, intervalMs, immediate]);
  // Until the effect runs, a new key already shows its own value.
  return immediate ? value : sampled.value;
}
