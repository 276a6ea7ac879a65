import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  ROLES,
  mockKnowledgeApi,
  renderKnowledgeAt,
} from '../__testUtils__/render';
import { apiSource, page, uploadSource } from '../__testUtils__/fixtures';
import { webhookAddress } from './AddSourceDialog';

// an industry manager
describe('SourcesPage (industry manager)', () => {
  it('lists the industry’s sources in words: type, status, last and next run, records, demo', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockResolvedValue(page([apiSource, uploadSource]));
    await renderKnowledgeAt(api, ROLES.industryManager, '/?industry=education');
    expect(await screen.findByText('Google Ads API')).toBeInTheDocument();
    expect(api.listSources).toHaveBeenCalledWith(
      expect.objectContaining({ industry: 'education' }),
    );
    const row = screen.getByText('Google Ads API').closest('tr')!;
    expect(within(row).getByText('HTTP JSON API')).toBeInTheDocument();
    expect(within(row).getByText('Active')).toBeInTheDocument();
    expect(within(row).getByText('1,240')).toBeInTheDocument();
    // the next run in the source's time zone (02:00 IST = 20:30 UTC)
    expect(
      within(row).getByText('5 Dec 2026, 02:00 (Asia/Kolkata)'),
    ).toBeInTheDocument();
    const upload = screen.getByText('Brand guidelines').closest('tr')!;
    expect(within(upload).getByText('Manual upload')).toBeInTheDocument();
    expect(within(upload).getByText('demo')).toBeInTheDocument();
    expect(within(upload).getByText('Not scheduled')).toBeInTheDocument();
    // no raw ids
    expect(screen.queryByText('src-1')).not.toBeInTheDocument();
  });

  it('switches the industry through the address', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockResolvedValue(page([]));
    await renderKnowledgeAt(api, ROLES.industryManager, '/');
    expect(
      await screen.findByText('No knowledge sources for Marketing yet'),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sales' }));
    expect(
      await screen.findByText('No knowledge sources for Sales yet'),
    ).toBeInTheDocument();
    expect(api.listSources).toHaveBeenLastCalledWith(
      expect.objectContaining({ industry: 'sales' }),
    );
  });

  it('shows an error sentence', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockRejectedValue(
      new Error('The knowledge store is down.'),
    );
    await renderKnowledgeAt(api, ROLES.industryManager, '/');
    expect(
      await screen.findByText('The knowledge store is down.'),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockReturnValue(new Promise(() => {}));
    await renderKnowledgeAt(api, ROLES.industryManager, '/');
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
  });

  it('adds an API source after testing its connection; the credential is a password field', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockResolvedValue(page([]));
    api.testConnection.mockResolvedValue({
      ok: true,
      message: 'Read 24 records in 310 ms',
      status_code: 200,
      duration_ms: 310,
      records: 24,
      sample: [
        { title: 'PMax update', snippet: 'Performance Max now …' },
        { title: 'RSA tips', snippet: 'Responsive search ads …' },
        { title: 'Budgets', snippet: 'Shared budgets …' },
      ],
    });
    api.createSource.mockResolvedValue({ source: apiSource, webhook: null });
    await renderKnowledgeAt(api, ROLES.industryManager, '/');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add knowledge source' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Name', { exact: false }),
      'Google Ads API',
    );
    await userEvent.type(
      within(dialog).getByLabelText('URL', { exact: false }),
      'https://ads.example.com/v1/updates',
    );
    await userEvent.click(within(dialog).getByLabelText('Authentication'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Bearer token' }),
    );
    const credential = within(dialog).getByLabelText('Credential');
    expect(credential).toHaveAttribute('type', 'password');
    await userEvent.type(credential, 'tok-123');
    fireEvent.change(
      within(dialog).getByLabelText('JSON path of the records'),
      { target: { value: '$.data[*]' } },
    );
    // the defaults: 02:00 in Asia/Kolkata
    expect(within(dialog).getByLabelText('Time')).toHaveValue('02:00');
    expect(within(dialog).getByLabelText('Time zone')).toHaveValue(
      'Asia/Kolkata',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Test connection' }),
    );
    expect(
      await within(dialog).findByText('Read 24 records in 310 ms'),
    ).toBeInTheDocument();
    expect(within(dialog).getByText('RSA tips')).toBeInTheDocument();
    const body = {
      industry: 'marketing',
      name: 'Google Ads API',
      type: 'api',
      connection: {
        url: 'https://ads.example.com/v1/updates',
        auth_type: 'bearer',
        json_path: '$.data[*]',
      },
      credential: 'tok-123',
      frequency: 'daily',
      time: '02:00',
      time_zone: 'Asia/Kolkata',
    };
    expect(api.testConnection).toHaveBeenCalledWith(body);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(api.createSource).toHaveBeenCalledWith(body));
    // the dialog closes; the page goes on to the new source
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('shows a webhook source’s address and one-time secret with copy buttons', async () => {
    const api = mockKnowledgeApi();
    api.listSources.mockResolvedValue(page([]));
    api.createSource.mockResolvedValue({
      source: { ...apiSource, name: 'CRM events', type: 'webhook' },
      webhook: {
        url: '/pp/v1/industry-knowledge/webhooks/src-9',
        secret: 'whsec-abc',
      },
    });
    await renderKnowledgeAt(api, ROLES.industryManager, '/');
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add knowledge source' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText('Name', { exact: false }),
      'CRM events',
    );
    await userEvent.click(within(dialog).getByLabelText('Type'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Inbound webhook' }),
    );
    expect(
      within(dialog).queryByLabelText('URL', { exact: false }),
    ).not.toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(api.createSource).toHaveBeenCalledWith({
      industry: 'marketing',
      name: 'CRM events',
      type: 'webhook',
    });
    expect(await screen.findByText('CRM events was added')).toBeInTheDocument();
    expect(screen.getByDisplayValue('whsec-abc')).toBeInTheDocument();
    expect(
      screen.getByDisplayValue(
        /\/pp\/v1\/industry-knowledge\/webhooks\/src-9$/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy the signing secret' }),
    ).toBeInTheDocument();
  });

  it('makes the webhook address absolute on the backend’s origin', () => {
    expect(
      webhookAddress(
        '/pp/v1/industry-knowledge/webhooks/src-9',
        'https://portal.example.com',
      ),
    ).toBe(
      'https://portal.example.com/pp/v1/industry-knowledge/webhooks/src-9',
    );
    expect(webhookAddress('https://x.example/h', 'https://y.example')).toBe(
      'https://x.example/h',
    );
    expect(webhookAddress('/h')).toBe('/h');
  });
});
