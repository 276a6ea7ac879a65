import { useEffect, useRef } from 'react';

/**
 * Applies typed search text once typing pauses (`delayMs`, 300 ms by default): `apply` gets the
 * trimmed text, or `undefined` for none. Only the latest `apply` is called.
 *
 * @public
 */
export function usePpDebouncedSearch(
  text: string,
  apply: (value: string | undefined) => void,
  delayMs = 300,
) {
  const applyRef = useRef(apply);
  applyRef.current = apply;
  useEffect(() => {
    const timer = setTimeout(
      () => applyRef.current(text.trim() || undefined),
      delayMs,
    );
    return () => clearTimeout(timer);
  }, [text, delayMs]);
}
