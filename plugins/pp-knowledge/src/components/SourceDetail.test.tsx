import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { apiSource, page, run, uploadSource } from '../__testUtils__/fixtures';

// an industry manager
describe('SourceDetail (industry manager)', () => {
  it('shows the source, its runs with counts, duration and error, and a run’s log', async () => {
    const api = mockKnowledgeApi();
    api.getSource.mockResolvedValue({
      ...apiSource,
      status: 'failing',
      consecutive_failures: 2,
      last_error: 'The API answered 503 Service Unavailable.',
    });
    api.listRuns.mockResolvedValue(page([run]));
    await renderKnowledgeAt(api, ROLES.industryManager, '/sources/src-1');
    expect(
      await screen.findByRole('heading', { name: 'Google Ads API' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Every day at 02:00 (Asia/Kolkata)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Bearer token (credential stored)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'The last run failed (2 in a row): The API answered 503 Service Unavailable.',
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Runs of Google Ads API' });
    expect(within(table).getByText('Failed')).toBeInTheDocument();
    expect(within(table).getByText('Scheduled')).toBeInTheDocument();
    expect(within(table).getByText('2.1 s')).toBeInTheDocument();
    expect(within(table).getByText('24')).toBeInTheDocument();
    expect(
      within(table).getByText('The API answered 503 Service Unavailable.'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(table).getByRole('button', { name: /^Log of the run/ }),
    );
    const log = await screen.findByTestId('run-log');
    expect(within(log).getByText(/Fetching the API/)).toBeInTheDocument();
    expect(
      within(log).getByText(/ERROR The API answered 503/),
    ).toBeInTheDocument();
  });

  it('runs the source now and pauses it', async () => {
    const api = mockKnowledgeApi();
    api.getSource.mockResolvedValue(apiSource);
    api.listRuns.mockResolvedValue(page([]));
    api.runSource.mockResolvedValue({
      ...run,
      trigger: 'manual',
      status: 'succeeded',
      error: null,
      version: 'v2026-12-04',
    });
    api.updateSource.mockResolvedValue({
      ...apiSource,
      status: 'paused',
      next_run_at: null,
    });
    await renderKnowledgeAt(api, ROLES.industryManager, '/sources/src-1');
    expect(await screen.findByText('No runs yet')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Run now' }));
    expect(
      await screen.findByText(
        'The run read 24 records: 3 added, 1 changed, 0 removed. The knowledge is now v2026-12-04.',
      ),
    ).toBeInTheDocument();
    expect(api.runSource).toHaveBeenCalledWith('src-1');
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    await waitFor(() =>
      expect(api.updateSource).toHaveBeenCalledWith('src-1', { paused: true }),
    );
    expect(
      await screen.findByText(
        'The source is paused: no scheduled runs until you resume it.',
      ),
    ).toBeInTheDocument();
  });

  it('uploads a Markdown file to an upload source', async () => {
    const api = mockKnowledgeApi();
    api.getSource.mockResolvedValue(uploadSource);
    api.listRuns.mockResolvedValue(page([]));
    api.upload.mockResolvedValue({
      ...run,
      trigger: 'upload',
      status: 'succeeded',
      error: null,
      records_added: 3,
      records_changed: 0,
    });
    await renderKnowledgeAt(api, ROLES.industryManager, '/sources/src-2');
    expect(
      await screen.findByRole('button', { name: 'Upload a file' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run now' }),
    ).not.toBeInTheDocument();
    const file = new File(['# Tone\n\nFriendly.'], 'brand.md', {
      type: 'text/markdown',
    });
    fireEvent.change(screen.getByTestId('upload-input'), {
      target: { files: [file] },
    });
    expect(
      await screen.findByText('brand.md was uploaded: 3 added, 0 changed.'),
    ).toBeInTheDocument();
    expect(api.upload).toHaveBeenCalledWith('src-2', {
      file_name: 'brand.md',
      content_base64: Buffer.from('# Tone\n\nFriendly.').toString('base64'),
    });
  });

  it('says so when the source cannot be read', async () => {
    const api = mockKnowledgeApi();
    api.getSource.mockRejectedValue(new Error('No knowledge source src-9.'));
    api.listRuns.mockResolvedValue(page([]));
    await renderKnowledgeAt(api, ROLES.industryManager, '/sources/src-9');
    expect(
      await screen.findByText('No knowledge source src-9.'),
    ).toBeInTheDocument();
  });
});
