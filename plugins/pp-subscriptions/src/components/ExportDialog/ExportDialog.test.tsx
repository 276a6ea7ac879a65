import { waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  createMockSubscriptionsApi,
  makeExport,
} from '../../__testUtils__/mocks';
import { renderSubscriptionDialog } from '../../__testUtils__/render';
import { ExportDialog } from './ExportDialog';

describe('ExportDialog', () => {
  beforeAll(() => {
    (URL as any).createObjectURL = jest.fn(() => 'blob:export');
    (URL as any).revokeObjectURL = jest.fn();
  });

  it('starts the export, shows its progress, then downloads the file', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockSubscriptionsApi();
    api.exportRuns.mockResolvedValue(
      makeExport({
        status: 'queued',
        progress: 0,
        rows_total: null,
        rows_written: 0,
      }),
    );
    api.getExport.mockResolvedValueOnce(makeExport()).mockResolvedValue(
      makeExport({
        status: 'succeeded',
        progress: 1,
        rows_written: 50000,
        download_url:
          '/pp/v1/subscriptions/demo-sub-003/exports/exp-1/download',
      }),
    );
    const blob = new Blob(['%PDF']);
    api.downloadExport.mockResolvedValue({ blob, filename: 'runs.pdf' });
    const dialog = await renderSubscriptionDialog(ExportDialog, api);
    const start = dialog.getByRole('button', { name: 'Start export' });
    expect(start).toBeDisabled();
    await user.click(dialog.getByLabelText(/^PDF/));
    await user.click(dialog.getByLabelText('Failed'));
    await user.type(dialog.getByLabelText('Reason'), 'Quarterly review');
    await user.type(
      dialog.getByLabelText('Created from (optional)'),
      '2026-11-01',
    );
    await user.click(start);
    expect(api.exportRuns).toHaveBeenCalledWith('demo-sub-003', {
      format: 'pdf',
      reason: 'Quarterly review',
      status: ['failed'],
      from: '2026-11-01T00:00:00.000Z',
      to: undefined,
    });

    // polled about every second: queued, then 12 340 of 50 000, then done
    // (Testing Library reads the thin spaces between thousands as spaces)
    expect(
      await dialog.findByText('12 340 of 50 000 runs'),
    ).toBeInTheDocument();
    expect(
      dialog.getByRole('progressbar', { name: 'Export progress' }),
    ).toHaveAttribute('aria-valuenow', '25');
    const download = await dialog.findByRole('button', {
      name: 'Download PDF',
    });
    expect(
      dialog.getByText(/The PDF file is ready: 50 000 runs/),
    ).toBeInTheDocument();
    await user.click(download);
    await waitFor(() =>
      expect(api.downloadExport).toHaveBeenCalledWith(
        expect.objectContaining({ id: 'exp-1', status: 'succeeded' }),
      ),
    );
    expect(URL.createObjectURL).toHaveBeenCalledWith(blob);
  });

  it('shows why an export failed', async () => {
    const user = userEvent.setup({ delay: null });
    const api = createMockSubscriptionsApi();
    api.exportRuns.mockResolvedValue(
      makeExport({
        status: 'failed',
        error: 'The Customer Portal database did not answer.',
      }),
    );
    const dialog = await renderSubscriptionDialog(ExportDialog, api);
    await user.type(dialog.getByLabelText('Reason'), 'Quarterly review');
    await user.click(dialog.getByRole('button', { name: 'Start export' }));
    expect(
      await dialog.findByText(
        'The export failed: The Customer Portal database did not answer.',
      ),
    ).toBeInTheDocument();
    expect(dialog.queryByRole('button', { name: /Download/ })).toBeNull();
  });
});
