import { useLocation } from 'react-router-dom';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import { servicesRouteRef } from '../routes';
import { HealthTab } from './HealthGate';
import { OverviewPanel } from './OverviewPanel';
import { OverviewNotices } from './HealthNotices';
import { ServiceHealth } from './ServiceDetail';
import { QueuesPanel } from './QueuesPanel';
import { LogsPanel } from './LogsPanel';
import { AlertsPanel } from './AlertsPanel';
import { ThresholdsPanel } from './ThresholdsPanel';

/* The lazily loaded content of the tabs (see plugin.tsx). */

/** `/pp/health/services` (overview and services) and `/pp/health/services/:serviceId` (detail). */
export const ServicesTabContent = () => {
  const base = (
    useRouteRef(servicesRouteRef)?.() ?? '/pp/health/services'
  ).replace(/\/$/, '');
  const { pathname } = useLocation();
  const rest = pathname.startsWith(`${base}/`)
    ? pathname.slice(base.length + 1).replace(/\/$/, '')
    : '';
  const serviceId =
    rest && !rest.includes('/') ? decodeURIComponent(rest) : undefined;
  const detailHref = (id: string) => `${base}/${encodeURIComponent(id)}`;
  return (
    <HealthTab>
      {serviceId ? (
        <ServiceHealth serviceId={serviceId} backHref={base} />
      ) : (
        <>
          <OverviewNotices />
          <OverviewPanel detailHref={detailHref} />
        </>
      )}
    </HealthTab>
  );
};

export const QueuesTabContent = () => (
  <HealthTab>
    <QueuesPanel />
  </HealthTab>
);

export const LogsTabContent = () => (
  <HealthTab>
    <LogsPanel />
  </HealthTab>
);

export const AlertsTabContent = () => (
  <HealthTab>
    <AlertsPanel />
  </HealthTab>
);

export const ThresholdsTabContent = () => (
  <HealthTab>
    <ThresholdsPanel />
  </HealthTab>
);
