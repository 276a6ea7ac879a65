import { mockServices } from '@backstage/backend-test-utils';
import express from 'express';
import { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { HttpAgentHealthFacts } from './AgentHealthFacts';

/*
 * The health plugin's last check over real HTTP: a stand-in health plugin answers
 * `GET /health/microservices/{id}` like pp-health does (the detail's `recent_checks`).
 */
describe('HttpAgentHealthFacts', () => {
  let server: Server;
  let base: string;
  const seen: { path: string; authorization?: string }[] = [];
  const check = (status: string, checkedAt: string, source = 'check') => ({
    id: `c-${checkedAt}`,
    service_id: 'lead-hunter-3f9a2c',
    source,
    status,
    response_time_ms: 120,
    http_status: 200,
    error_rate: 0,
    error: null,
    checked_at: checkedAt,
    data_source: 'live',
  });

  beforeAll(async () => {
    const app = express();
    app.get('/api/pp-health/health/microservices/:id', (req, res) => {
      seen.push({ path: req.path, authorization: req.headers.authorization });
      if (req.params.id === 'lead-hunter-3f9a2c') {
        res.json({
          service_id: req.params.id,
          recent_checks: [
            check('down', '2026-12-21T08:59:00Z', 'heartbeat'),
            check('up', '2026-12-21T08:58:30Z'),
            check('down', '2026-12-21T08:58:00Z'),
          ],
        });
      } else if (req.params.id === 'broken-agent') {
        res.status(500).json({ error: { name: 'Error', message: 'boom' } });
      } else {
        res
          .status(404)
          .json({ error: { name: 'NotFoundError', message: 'no' } });
      }
    });
    server = app.listen(0);
    base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/pp-health`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const facts = () =>
    new HttpAgentHealthFacts({
      discovery: {
        getBaseUrl: async () => base,
        getExternalBaseUrl: async () => base,
      },
      auth: mockServices.auth({ pluginId: 'pp-orchestration' }),
      logger: mockServices.logger.mock(),
    });

  it('reads the newest active check (heartbeats aside) with a plugin token', async () => {
    expect(await facts().lastCheck('lead-hunter-3f9a2c')).toEqual({
      healthy: true,
      checked_at: new Date('2026-12-21T08:58:30Z'),
    });
    expect(seen.at(-1)?.authorization).toMatch(/^Bearer .+/);
  });

  it('is unknown (unverifiable) when the agent is not monitored or the health plugin fails', async () => {
    expect(await facts().lastCheck('not-monitored')).toBeUndefined();
    expect(await facts().lastCheck('broken-agent')).toBeUndefined();
    const down = new HttpAgentHealthFacts({
      discovery: {
        getBaseUrl: async () => 'http://127.0.0.1:1/api/pp-health',
        getExternalBaseUrl: async () => '',
      },
      auth: mockServices.auth({ pluginId: 'pp-orchestration' }),
      timeoutMs: 1000,
    });
    expect(await down.lastCheck('lead-hunter-3f9a2c')).toBeUndefined();
  });
});
