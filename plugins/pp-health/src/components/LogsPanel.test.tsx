import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import {
  PpLogQueryResult,
  ppHealthLogsQueryPermission,
  ppHealthReadPermission,
} from '@internal/plugin-pp-common';
import plugin, { ppHealthApiRef } from '../index';
import {
  createMockPpHealthApi,
  mockPermissionApi,
} from '../__testUtils__/mocks';

const result: PpLogQueryResult = {
  items: [
    {
      id: 'l1',
      service_id: 'payment-service',
      level: 'error',
      message: 'card declined by issuer',
      timestamp: '2025-01-01T00:00:00Z',
      trace_id: null,
      attributes: {},
      highlights: [],
    },
  ],
  next_cursor: null,
  total_estimate: 1,
  total_is_lower_bound: false,
  limit: 50,
  backend: 'sqlite',
} as PpLogQueryResult;

describe('LogsPanel', () => {
  it('shows progress while a search waits on the server, the first and every later one', async () => {
    const api = createMockPpHealthApi();
    let answer: (r: PpLogQueryResult) => void = () => {};
    api.queryLogs.mockImplementation(
      () =>
        new Promise(resolve => {
          answer = resolve;
        }),
    );
    renderTestApp({
      features: [plugin],
      initialRouteEntries: ['/pp/health/logs'],
      apis: [
        [ppHealthApiRef, api],
        mockPermissionApi([
          ppHealthReadPermission.name,
          ppHealthLogsQueryPermission.name,
        ]),
      ],
    });

    for (const round of [1, 2]) {
      fireEvent.click(await screen.findByRole('button', { name: /Search$/ }));
      expect(
        await screen.findByRole('progressbar', { name: 'Searching the logs' }),
      ).toBeInTheDocument();
      const button = screen.getByRole('button', { name: /Search$/ });
      expect(button).toBeDisabled();
      expect(
        screen.getByRole('progressbar', { name: 'Searching' }),
      ).toBeInTheDocument();
      answer(result);
      await waitFor(() =>
        expect(
          screen.queryByRole('progressbar', { name: 'Searching the logs' }),
        ).not.toBeInTheDocument(),
      );
      expect(screen.getByText('card declined by issuer')).toBeInTheDocument();
      expect(api.queryLogs).toHaveBeenCalledTimes(round);
    }
  });
});
