import {
  PP_ALERT_SEVERITIES,
  PpAlert,
  PpAlertSeverity,
} from '@internal/plugin-pp-common';
import { PpNotificationMessage } from '@internal/plugin-pp-node';

/** Who is told about alerts, and how. */
export interface AlertNoticeOptions {
  /** Base of portal links; default `/pp/health`. */
  linkBase?: string;
  /** Severities also emailed; default all. */
  emailSeverities?: readonly PpAlertSeverity[];
}

/**
 * The notice of an alert that fired or resolved: to the infrastructure engineers in the portal,
 * the `platform-health` Slack channel and (for the configured severities) email.
 */
export function alertNotice(
  alert: PpAlert,
  what: 'fired' | 'resolved',
  opts: AlertNoticeOptions = {},
): PpNotificationMessage {
  const critical = alert.severity === 'critical';
  const rule = alert.alert_type.replace(/_/g, ' ');
  let severity: PpNotificationMessage['severity'] = 'normal';
  if (what === 'fired') severity = critical ? 'critical' : 'high';
  return {
    topic: `health.alert.${what}`,
    title:
      what === 'fired'
        ? `${critical ? 'CRITICAL' : 'Warning'}: ${rule} — ${alert.service_id}`
        : `Resolved: ${rule} — ${alert.service_id}`,
    description: alert.message,
    link: `${opts.linkBase ?? '/pp/health'}/services/${encodeURIComponent(
      alert.service_id,
    )}`,
    severity,
    to: { roles: ['infrastructure_engineer'] },
    slackChannel: 'platform-health',
    email: (opts.emailSeverities ?? PP_ALERT_SEVERITIES).includes(
      alert.severity,
    ),
    reference: `health-alert:${alert.id}`,
  };
}

/**
 * The notice that somebody acknowledged a firing alert: the other infrastructure engineers see in
 * the portal (and the `platform-health` channel) that it is taken. Never emailed: nothing new broke.
 */
export function alertAcknowledgedNotice(
  alert: PpAlert,
  opts: Pick<AlertNoticeOptions, 'linkBase'> = {},
): PpNotificationMessage {
  const rule = alert.alert_type.replace(/_/g, ' ');
  const ack = alert.acknowledgement;
  const who = ack?.by.name ?? 'Somebody';
  return {
    topic: 'health.alert.acknowledged',
    title: `Acknowledged by ${who}: ${rule} — ${alert.service_id}`,
    description: ack?.note
      ? `${alert.message}. ${who}: ${ack.note}`
      : alert.message,
    link: `${opts.linkBase ?? '/pp/health'}/services/${encodeURIComponent(
      alert.service_id,
    )}`,
    severity: 'normal',
    to: { roles: ['infrastructure_engineer'] },
    slackChannel: 'platform-health',
    email: false,
    reference: `health-alert:${alert.id}`,
  };
}
