import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The full repository run loads two cores with many suites; MUI-heavy pages can take several
// seconds to appear there, well past Testing Library's 1 s default wait.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
