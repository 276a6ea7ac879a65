import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { ppHelpdeskApiRef } from '../../api';
import { createMockHelpdeskApi, makeDetail } from '../../__testUtils__/mocks';
import { CreateTicketDialog } from './CreateTicketDialog';

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payment-service',
      namespace: 'default',
      title: 'Payment service',
    },
    spec: { type: 'service' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'genesis-agent', namespace: 'default' },
    spec: { type: 'ai-agent' },
  },
];

function setup(props: { entityRef?: string } = {}) {
  const api = createMockHelpdeskApi();
  const created = makeDetail({ key: 'TKT-000042', id: 'uuid-42' });
  api.createTicket.mockResolvedValue(created);
  api.addAttachment.mockImplementation(async (id, request) => ({
    id: 'att-1',
    ticket_id: id,
    file_name: request.file_name,
    content_type: request.content_type,
    size_bytes: 5,
    uploaded_by: 'hari',
    uploaded_at: '2025-01-01T10:00:00.000Z',
  }));
  const catalog = {
    getEntities: jest.fn(async () => ({ items: entities })),
  };
  const onCreated = jest.fn();
  const onClose = jest.fn();
  const rendered = renderInTestApp(
    <CreateTicketDialog
      open
      onClose={onClose}
      onCreated={onCreated}
      entityRef={props.entityRef}
    />,
    {
      apis: [
        [ppHelpdeskApiRef, api],
        [catalogApiRef, catalog as any],
      ],
    },
  );
  return { api, catalog, onCreated, onClose, created, rendered };
}

describe('CreateTicketDialog', () => {
  it('creates a ticket about a service picked from the catalog, with labels and an attachment', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, catalog, onCreated, created } = setup();
    await screen.findByText('New ticket');
    const create = screen.getByRole('button', { name: 'Create ticket' });
    expect(create).toBeDisabled();

    await user.click(screen.getByRole('button', { name: /^Type/ }));
    await user.click(await screen.findByRole('option', { name: 'Incident' }));
    await user.click(screen.getByRole('button', { name: /^Priority/ }));
    await user.click(await screen.findByRole('option', { name: 'Critical' }));
    await user.type(screen.getByLabelText(/^Title/), 'Checkout 502s');
    await user.type(screen.getByLabelText(/^Description/), 'Since 09:00');
    await user.click(screen.getByLabelText('Affected service or agent'));
    await user.click(
      await screen.findByRole('option', { name: 'Payment service (service)' }),
    );
    await user.type(screen.getByLabelText('Labels'), 'payments{Enter}');

    const input = document.querySelector(
      'input[type=file]',
    ) as HTMLInputElement;
    await user.upload(
      input,
      new File(['hello'], 'trace.txt', { type: 'text/plain' }),
    );
    expect(screen.getByText('trace.txt')).toBeInTheDocument();

    await user.click(create);
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(catalog.getEntities).toHaveBeenCalledWith(
      expect.objectContaining({
        filter: { kind: 'Component', 'spec.type': ['service', 'ai-agent'] },
      }),
    );
    expect(api.createTicket).toHaveBeenCalledWith({
      type: 'incident',
      priority: 'critical',
      title: 'Checkout 502s',
      description: 'Since 09:00',
      entity_ref: 'component:default/payment-service',
      labels: ['payments'],
    });
    expect(api.addAttachment).toHaveBeenCalledWith('uuid-42', {
      file_name: 'trace.txt',
      content_type: 'text/plain',
      content_base64: Buffer.from('hello').toString('base64'),
    });
  });

  it('refuses files the backend would refuse, before uploading anything', async () => {
    const user = userEvent.setup({ delay: null, applyAccept: false });
    const { api } = setup({ entityRef: 'component:default/genesis-agent' });
    await screen.findByText('New ticket');
    const input = document.querySelector(
      'input[type=file]',
    ) as HTMLInputElement;
    await user.upload(
      input,
      new File(['MZ'], 'tool.exe', { type: 'application/x-msdownload' }),
    );
    expect(
      screen.getByText(/tool\.exe is of type application\/x-msdownload/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'tool.exe' })).toBeNull();

    // Preselected entity from the entity page.
    expect(
      await screen.findByDisplayValue('genesis-agent (ai-agent)'),
    ).toBeInTheDocument();
    expect(api.addAttachment).not.toHaveBeenCalled();
  });

  it('shows the server message when creating fails and keeps what was typed', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, onCreated } = setup();
    api.createTicket.mockRejectedValue(
      new Error('title must be at most 200 characters'),
    );
    await screen.findByText('New ticket');
    await user.type(screen.getByLabelText(/^Title/), 'Broken thing');
    await user.type(screen.getByLabelText(/^Description/), 'Details');
    await user.click(screen.getByRole('button', { name: 'Create ticket' }));
    expect(
      await screen.findByText('title must be at most 200 characters'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/^Title/)).toHaveValue('Broken thing');
    expect(onCreated).not.toHaveBeenCalled();
  });
});
