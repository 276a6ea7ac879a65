import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The full repository run loads two cores with many suites; MUI-heavy pages can take several
// seconds to appear there, well past Testing Library's 1 s default wait.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);

// jsdom has no ResizeObserver; recharts' ResponsiveContainer needs one (the charts then measure
// 0×0 and draw nothing, which the tests do not look at).
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as any).ResizeObserver ??= NoResizeObserver;
