import { useSyncExternalStore } from 'react';

/**
 * One shared ticker for every live countdown on the page (an OLA clock's "2 h 14 min left"): a
 * single interval, started when the first countdown mounts and stopped when the last one unmounts.
 * It only re-renders; it never fetches.
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

const snapshot = () => now;

/**
 * The current time in ms, updated once a second by a ticker shared by the whole page.
 *
 * @public
 */
export function usePpNow(): number {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * How many components listen to the ticker now (for tests).
 *
 * @internal
 */
export function ppNowListenerCount(): number {
  return listeners.size;
}
