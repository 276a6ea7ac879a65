import {
  PpAlertThreshold,
  PpAlertType,
  PpQueueSystemStatus,
} from '@internal/plugin-pp-common';
import type { Measurement } from '../service/conditions';
import {
  AlertRuleInputs,
  OpenAlert,
  alertKey,
  planAlerts,
  queueBacklogMeasurements,
} from './alertRules';
import { SilenceWindow } from './silences';

const NOW = new Date('2026-12-03T12:00:00Z');
const ago = (seconds: number) => new Date(NOW.getTime() - seconds * 1000);
const threshold = (
  alert_type: PpAlertType,
  duration_seconds: number,
  threshold_value = 5,
): PpAlertThreshold => ({
  alert_type,
  title: alert_type,
  unit: 'percent',
  threshold_value,
  duration_seconds,
  severity: 'warning',
  enabled: true,
  updated_by: null,
  updated_at: null,
});
const thresholds = new Map<PpAlertType, PpAlertThreshold>([
  ['high_error_rate', threshold('high_error_rate', 300)],
  ['service_down', threshold('service_down', 0, 2)],
  ['queue_backlog', threshold('queue_backlog', 0, 100)],
]);
const m = (
  alert_type: PpAlertType,
  breached: boolean,
  service_id = 'payment-service',
  subject: string | null = null,
): Measurement => ({
  alert_type,
  service_id,
  subject,
  breached,
  value: breached ? 30 : 1,
  message: `${alert_type} of ${service_id}`,
});
const open = (
  measurement: Measurement,
  over: Partial<OpenAlert> = {},
): [string, OpenAlert] => [
  alertKey(measurement),
  {
    id: `a-${measurement.alert_type}`,
    alert_type: measurement.alert_type,
    service_id: measurement.service_id,
    open_key: alertKey(measurement),
    notified: true,
    ...over,
  },
];
const silence = (over: Partial<SilenceWindow>): SilenceWindow => ({
  id: 'quiet',
  service_id: null,
  alert_type: null,
  starts_at: ago(600),
  ends_at: new Date(NOW.getTime() + 600_000),
  ...over,
});

const plan = (over: Partial<AlertRuleInputs>) =>
  planAlerts({
    now: NOW,
    thresholds,
    measurements: [],
    conditions: new Map(),
    open: new Map(),
    queuesUnknown: false,
    unknownSystems: new Set(),
    silences: [],
    ...over,
  });

const errors = m('high_error_rate', true);
const errorsKey = alertKey(errors);

describe('planAlerts', () => {
  it.each<[string, Partial<AlertRuleInputs>, object]>([
    [
      'a new breach starts its condition and waits for the duration',
      { measurements: [errors] },
      { startConditions: [{ key: errorsKey, since: NOW }], fire: [] },
    ],
    [
      'a breach held 4 minutes of 5 does not fire yet',
      { measurements: [errors], conditions: new Map([[errorsKey, ago(240)]]) },
      { startConditions: [], fire: [] },
    ],
    [
      'a breach held for the duration fires, since it began',
      { measurements: [errors], conditions: new Map([[errorsKey, ago(300)]]) },
      { fire: [expect.objectContaining({ since: ago(300), silenceId: null })] },
    ],
    [
      'a rule without duration fires at once',
      { measurements: [m('service_down', true)] },
      { fire: [expect.objectContaining({ since: NOW })] },
    ],
    [
      'a firing alert is updated, not fired again',
      {
        measurements: [errors],
        conditions: new Map([[errorsKey, ago(900)]]),
        open: new Map([open(errors)]),
      },
      { fire: [], updateValues: [{ id: 'a-high_error_rate', value: 30 }] },
    ],
    [
      'a cleared condition resolves its alert (told) and clears the condition',
      {
        measurements: [m('high_error_rate', false)],
        conditions: new Map([[errorsKey, ago(900)]]),
        open: new Map([open(errors)]),
      },
      {
        clearConditions: [errorsKey],
        resolve: [
          {
            alert: expect.objectContaining({ id: 'a-high_error_rate' }),
            notify: true,
          },
        ],
      },
    ],
    [
      'an alert no longer measured (service removed) resolves',
      { open: new Map([open(errors)]) },
      { resolve: [expect.objectContaining({ notify: true })] },
    ],
    [
      'a queue of a system that could not be read keeps its alert and condition',
      {
        open: new Map([open(m('queue_backlog', true, 'celery', 'emails'))]),
        conditions: new Map([
          [alertKey(m('queue_backlog', true, 'celery', 'emails')), ago(60)],
        ]),
        unknownSystems: new Set(['celery']),
      },
      { resolve: [], clearConditions: [] },
    ],
    [
      'no queue figures at all keep every backlog alert',
      {
        open: new Map([open(m('queue_backlog', true, 'temporal', 'default'))]),
        queuesUnknown: true,
      },
      { resolve: [] },
    ],
    [
      'an alert firing under a silence of its service is recorded with it',
      {
        measurements: [m('service_down', true)],
        silences: [silence({ service_id: 'payment-service' })],
      },
      { fire: [expect.objectContaining({ silenceId: 'quiet' })] },
    ],
    [
      'a silence of another rule does not cover it',
      {
        measurements: [m('service_down', true)],
        silences: [silence({ alert_type: 'high_error_rate' })],
      },
      { fire: [expect.objectContaining({ silenceId: null })] },
    ],
    [
      'a planned window that has not started does not cover it',
      {
        measurements: [m('service_down', true)],
        silences: [silence({ starts_at: new Date(NOW.getTime() + 60_000) })],
      },
      { fire: [expect.objectContaining({ silenceId: null })] },
    ],
    [
      'a silenced alert that resolves is not told',
      {
        measurements: [m('high_error_rate', false)],
        open: new Map([open(errors, { notified: false })]),
      },
      { resolve: [expect.objectContaining({ notify: false })], notifyLate: [] },
    ],
    [
      'a silenced alert still firing when its silence is over is told now',
      {
        measurements: [errors],
        conditions: new Map([[errorsKey, ago(900)]]),
        open: new Map([open(errors, { notified: false })]),
      },
      { notifyLate: [expect.objectContaining({ id: 'a-high_error_rate' })] },
    ],
    [
      'while the silence lasts it stays untold',
      {
        measurements: [errors],
        conditions: new Map([[errorsKey, ago(900)]]),
        open: new Map([open(errors, { notified: false })]),
        silences: [silence({ service_id: 'payment-service' })],
      },
      { notifyLate: [] },
    ],
    [
      'a silenced alert somebody acknowledged is not told when the silence is over (they know)',
      {
        measurements: [errors],
        conditions: new Map([[errorsKey, ago(900)]]),
        open: new Map([open(errors, { notified: false, acknowledged: true })]),
      },
      { notifyLate: [], fire: [], resolve: [] },
    ],
    [
      'an acknowledged alert still resolves when its condition clears',
      {
        measurements: [m('high_error_rate', false)],
        open: new Map([open(errors, { acknowledged: true })]),
      },
      { resolve: [expect.objectContaining({ notify: true })] },
    ],
  ])('%s', (_what, inputs, expected) => {
    expect(plan(inputs)).toMatchObject(expected);
  });
});

describe('queueBacklogMeasurements', () => {
  const backlog = threshold('queue_backlog', 0, 100);
  const system = (
    over: Partial<PpQueueSystemStatus> & Pick<PpQueueSystemStatus, 'system'>,
  ) =>
    ({
      status: 'ok',
      checked_at: NOW.toISOString(),
      message: null,
      queues: [],
      ...over,
    } as PpQueueSystemStatus);

  it.each<[string, PpQueueSystemStatus[], string[], string[]]>([
    [
      'measures pending (else depth) against the threshold',
      [
        system({
          system: 'rabbitmq',
          queues: [
            { name: 'a', depth: 150, pending: null } as any,
            { name: 'b', depth: 10, pending: 120 } as any,
            { name: 'c', depth: 5, pending: null } as any,
          ],
        }),
      ],
      ['a:true', 'b:true', 'c:false'],
      [],
    ],
    [
      'a system not configured is not measured',
      [system({ system: 'celery', status: 'not_configured' })],
      [],
      [],
    ],
    [
      'a failed system is unknown, not zero',
      [system({ system: 'temporal', status: 'error' })],
      [],
      ['temporal'],
    ],
    [
      'a queue without a figure makes its system unknown',
      [
        system({
          system: 'rabbitmq',
          queues: [{ name: 'a', depth: null, pending: null } as any],
        }),
      ],
      [],
      ['rabbitmq'],
    ],
  ])('%s', (_what, systems, measured, unknown) => {
    const got = queueBacklogMeasurements(systems, backlog);
    expect(got.measurements.map(x => `${x.subject}:${x.breached}`)).toEqual(
      measured,
    );
    expect([...got.unknownSystems]).toEqual(unknown);
  });
});
