import { useSyncExternalStore } from 'react';

/**
 * One shared ticker for every SLA countdown on the page: a single interval, started when the first
 * countdown mounts and stopped when the last one unmounts. It only re-renders; it never fetches.
 */
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let now = Date.now();

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      listeners.forEach(l => l());
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time in ms, updated once a second by the shared ticker. */
export function useNow(): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => now,
  );
}

/** How many components listen to the ticker now (for tests). */
export function tickerListenerCount(): number {
  return listeners.size;
}
