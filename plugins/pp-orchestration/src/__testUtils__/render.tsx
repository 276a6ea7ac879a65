import { ReactElement } from 'react';
import { renderInTestApp, TestApiPair } from '@backstage/frontend-test-utils';
import { PpOrchestrationApi, ppOrchestrationApiRef } from '../api';
import { createMockOrchestrationApi } from './mocks';

/** Renders an element in a test app with the (mock) orchestration API and any other APIs. */
export async function renderWithOrchestrationApi(
  element: ReactElement,
  api: jest.Mocked<PpOrchestrationApi> = createMockOrchestrationApi(),
  ...extra: TestApiPair<any>[]
) {
  return renderInTestApp(element, {
    apis: [[ppOrchestrationApiRef, api], ...extra],
  });
}
