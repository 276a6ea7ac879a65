import { PpSearchDocument } from '@internal/plugin-pp-node';
import { HealthStore } from '../database/HealthStore';

const STATUS_WORDS: Record<string, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'No data yet',
};

/**
 * Every monitored service as a search document (the `pp-health-service` type), with its status
 * and the reason as of indexing; the link opens its live health page.
 */
export async function serviceSearchDocuments(
  store: HealthStore,
  now: Date,
): Promise<PpSearchDocument[]> {
  const services = await store.listMicroservices(now, { sort: 'title' });
  const described = new Map(
    (await store.activeServices()).map(r => [r.service_id, r.description]),
  );
  return services.map(s => ({
    title: `${s.title} health`,
    text: [
      described.get(s.service_id),
      `${STATUS_WORDS[s.status] ?? s.status} when indexed: ${s.status_reason}`,
    ]
      .filter(Boolean)
      .join(' '),
    location: `/pp/health/services/${encodeURIComponent(s.service_id)}`,
    service_id: s.service_id,
    status: s.status,
  }));
}
