import { PpAlert } from '@internal/plugin-pp-common';
import { alertNotice } from './notices';

const alert = (over: Partial<PpAlert> = {}): PpAlert => ({
  id: '7',
  alert_type: 'service_down',
  severity: 'critical',
  status: 'firing',
  service_id: 'payment service',
  subject: null,
  message: 'Payment has not answered for 3 minutes',
  value: 3,
  threshold: 2,
  started_at: '2026-12-03T12:00:00.000Z',
  resolved_at: null,
  updated_at: '2026-12-03T12:00:00.000Z',
  silenced: false,
  silence_id: null,
  ...over,
});

describe('alertNotice', () => {
  it.each<[string, PpAlert, 'fired' | 'resolved', object, object]>([
    [
      'a critical alert firing',
      alert(),
      'fired',
      {},
      {
        topic: 'health.alert.fired',
        title: 'CRITICAL: service down — payment service',
        severity: 'critical',
        email: true,
        link: '/pp/health/services/payment%20service',
        reference: 'health-alert:7',
      },
    ],
    [
      'a warning firing, warnings not emailed',
      alert({ severity: 'warning', alert_type: 'high_error_rate' }),
      'fired',
      { emailSeverities: ['critical'] },
      {
        title: 'Warning: high error rate — payment service',
        severity: 'high',
        email: false,
      },
    ],
    [
      'a resolution',
      alert({ status: 'resolved' }),
      'resolved',
      { linkBase: 'https://portal/pp/health' },
      {
        topic: 'health.alert.resolved',
        title: 'Resolved: service down — payment service',
        severity: 'normal',
        link: 'https://portal/pp/health/services/payment%20service',
      },
    ],
  ])('%s', (_what, a, what, opts, expected) => {
    expect(alertNotice(a, what, opts)).toMatchObject({
      to: { roles: ['infrastructure_engineer'] },
      slackChannel: 'platform-health',
      ...expected,
    });
  });
});
