import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type {
  PpOlaClock,
  PpOlaDefinition,
  PpPage,
  PpSlaBreach,
} from '@internal/plugin-pp-common';
import { PpSlaApi, ppSlaApiRef } from '../api';
import { OlaPage } from '../components/OlaPage';
import { permissions } from './render';

export const page = <T,>(items: T[], total = items.length): PpPage<T> => ({
  items,
  total_count: total,
  limit: 25,
  offset: 0,
});

export const handoffOla: PpOlaDefinition = {
  id: '6b1f7c1e-0000-4000-8000-000000000001',
  name: 'Service team accepts handoffs',
  provider_team: 'Service team',
  consumer_team: 'Agent creation team',
  commitment_minutes: 1440,
  start_event: 'handoff_submitted',
  stop_event: 'handoff_accepted',
  ticket_priority: null,
  escalation_path: ['On-call engineer', 'Service team lead'],
  created_by: 'Ines Infra',
  created_at: '2026-12-01T09:00:00.000Z',
};

export const ticketOla: PpOlaDefinition = {
  id: '6b1f7c1e-0000-4000-8000-000000000002',
  name: 'On-call answers critical tickets',
  provider_team: 'Infrastructure',
  consumer_team: 'Support',
  commitment_minutes: 15,
  start_event: 'ticket_created',
  stop_event: 'ticket_first_response',
  ticket_priority: 'critical',
  escalation_path: [],
  created_by: 'Ines Infra',
  created_at: '2026-12-01T09:30:00.000Z',
};

/** A clock of the handoff OLA; `deadline` and `state` as given. */
export const clock = (over: Partial<PpOlaClock> & { id: string }) =>
  ({
    ola_id: handoffOla.id,
    ola_name: handoffOla.name,
    subject: `handoff:${over.id}`,
    subject_title: 'Handoff of Maths Tutor',
    started_at: '2026-12-03T08:00:00.000Z',
    stopped_at: null,
    deadline: '2026-12-04T08:00:00.000Z',
    state: 'running',
    elapsed_minutes: 120,
    ...over,
  } as PpOlaClock);

export const olaBreach = (over: Partial<PpSlaBreach> & { id: string }) =>
  ({
    kind: 'ola',
    agent_id: null,
    ola_id: handoffOla.id,
    metric: 'ola',
    title:
      'Service team accepts handoffs: Handoff of Lead Hunter missed its 24 h commitment',
    target: 1440,
    value: 1530,
    started_at: '2026-12-02T08:00:00.000Z',
    ended_at: '2026-12-02T09:30:00.000Z',
    duration_minutes: 90,
    severity: 'major',
    root_cause: null,
    ticket_id: null,
    alerted: 'portal',
    ...over,
  } as PpSlaBreach);

/** The OLA page at `/pp/sla/ola` for someone holding `allowed` (one person per test file). */
export function renderOlaPage(api: jest.Mocked<PpSlaApi>, allowed: string[]) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [ppSlaApiRef, api],
        [permissionApiRef, permissions(allowed)],
      ]}
    >
      <OlaPage />
    </TestApiProvider>,
  );
}
