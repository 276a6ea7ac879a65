import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useApi } from '@backstage/frontend-plugin-api';
import { PpSilence } from '@internal/plugin-pp-common';
import { ppHealthApiRef } from '../../api';
import { usePolled } from '../../hooks/usePolled';
import { formatTime } from '../../util/format';

/** The words of the banner over generated figures. */
export const DEMO_DATA_TEXT =
  'Demo data — generated for the seeded demo services';

/** Shown over figures the demo generator wrote (`data_source: 'demo'`). */
export function DemoDataBanner(props: { demoServices: number }) {
  if (props.demoServices <= 0) return null;
  return (
    <Alert severity="info" data-testid="health-demo-banner">
      <strong>{DEMO_DATA_TEXT}</strong>
      {props.demoServices > 1 ? ` (${props.demoServices} services). ` : '. '}
      They are not measurements of running services; this portal is running its
      embedded demo.
    </Alert>
  );
}

const kindWord = (s: PpSilence) =>
  s.kind === 'maintenance' ? 'Maintenance window' : 'Silence';

/** What a silence covers, in words. */
export function silenceScope(s: PpSilence): string {
  const rule = s.alert_type ? s.alert_type.replace(/_/g, ' ') : undefined;
  if (s.service_id && rule) return `${rule} alerts of ${s.service_id}`;
  if (s.service_id) return `all alerts of ${s.service_id}`;
  return `${rule} alerts of every service`;
}

/**
 * Silences and maintenance windows in force or coming up: alerts they cover are recorded (marked
 * silenced) but nobody is notified.
 */
export function SilenceNotices(props: { silences: PpSilence[] }) {
  if (!props.silences.length) return null;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      {props.silences.map(s => (
        <Alert
          key={s.id}
          severity={s.state === 'active' ? 'warning' : 'info'}
          data-testid={`health-silence-${s.id}`}
        >
          <Typography variant="body2" component="div">
            <strong>
              {kindWord(s)} {s.state === 'active' ? 'in force' : 'planned'}:
            </strong>{' '}
            {silenceScope(s)}, {formatTime(s.starts_at)} –{' '}
            {formatTime(s.ends_at)}. Alerts are recorded but not notified.
          </Typography>
          <Typography variant="caption" component="div">
            {s.reason} — {s.created_by.name}
          </Typography>
        </Alert>
      ))}
    </Box>
  );
}

/** The overview's banners: demo data and silences, from the overview the page polls. */
export function OverviewNotices() {
  const api = useApi(ppHealthApiRef);
  const overview = usePolled(() => api.getOverview(), []);
  const o = overview.value;
  if (!o) return null;
  return (
    <Box display="flex" flexDirection="column" mb={2} style={{ gap: 8 }}>
      <DemoDataBanner demoServices={o.demo_services} />
      <SilenceNotices silences={o.silences} />
    </Box>
  );
}
