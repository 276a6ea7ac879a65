import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { linesFromBatch } from './ingest';

const now = new Date('2026-11-25T10:00:00.000Z');
const services = new Map([
  ['payment-service', 'component:default/payment-service'],
  ['webhook-service', 'component:default/webhook-service'],
]);
const batch = (
  entries: object[],
  entityRef = 'Component:default/Payment-Service',
) =>
  linesFromBatch({
    entityRef,
    body: { entries } as any,
    services,
    now,
    retentionDays: 30,
  });

describe('linesFromBatch', () => {
  it('stores the sender as the service and fills time, trace and attributes', () => {
    expect(
      batch([
        { level: 'info', message: 'a' },
        {
          service_id: 'payment-service',
          level: 'error',
          message: 'b',
          timestamp: '2026-11-25T09:59:00+01:00',
          trace_id: 't1',
          attributes: { k: 1 },
        },
      ]),
    ).toEqual([
      {
        service_id: 'payment-service',
        level: 'info',
        message: 'a',
        timestamp: now,
        trace_id: null,
        attributes: {},
      },
      {
        service_id: 'payment-service',
        level: 'error',
        message: 'b',
        timestamp: new Date('2026-11-25T08:59:00.000Z'),
        trace_id: 't1',
        attributes: { k: 1 },
      },
    ]);
  });

  it('refuses lines for another service and senders that are not monitored', () => {
    expect(() =>
      batch([{ service_id: 'webhook-service', level: 'info', message: 'x' }]),
    ).toThrow(NotAllowedError);
    expect(() =>
      batch([{ level: 'info', message: 'x' }], 'component:default/other'),
    ).toThrow(NotFoundError);
  });

  it('names every entry with a time out of bounds and stores none', () => {
    expect(() =>
      batch([
        { level: 'info', message: 'ok' },
        { level: 'info', message: 'future', timestamp: '2026-11-25T10:06:00Z' },
        { level: 'info', message: 'old', timestamp: '2026-10-25T09:00:00Z' },
      ]),
    ).toThrow(
      new InputError(
        'Invalid log batch: entries.1.timestamp: more than 5 minutes in the future; entries.2.timestamp: older than the log retention',
      ),
    );
  });
});
