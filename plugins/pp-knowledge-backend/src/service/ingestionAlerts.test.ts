import { mockServices } from '@backstage/backend-test-utils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { HttpIngestionAlertReporter } from './ingestionAlerts';

/*
 * The failed-run figure goes to the health plugin's reported-conditions route with this plugin's
 * own token; an outage or a refusal is logged and answered false, never thrown (the next run
 * reports again).
 */
describe('HttpIngestionAlertReporter', () => {
  let server: http.Server;
  let base: string;
  let status = 202;
  const received: Array<{ url?: string; auth?: string; body: any }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', c => (raw += c));
      req.on('end', () => {
        received.push({
          url: req.url,
          auth: req.headers.authorization,
          body: JSON.parse(raw),
        });
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ accepted: true }));
      });
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/pp-health`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const reporter = (baseUrl: () => string) => {
    const logger = mockServices.logger.mock();
    return {
      logger,
      reporter: new HttpIngestionAlertReporter({
        discovery: {
          getBaseUrl: async (id: string) => {
            expect(id).toBe('pp-health');
            return baseUrl();
          },
          getExternalBaseUrl: async () => baseUrl(),
        },
        auth: {
          getOwnServiceCredentials: async () => ({} as any),
          getPluginRequestToken: async ({ targetPluginId }: any) => ({
            token: `plugin-token-for-${targetPluginId}`,
          }),
        } as any,
        logger,
        timeoutMs: 2_000,
      }),
    };
  };

  it('reports the figure as this plugin', async () => {
    const { reporter: r } = reporter(() => base);
    await expect(
      r.report({
        sourceId: 'src-1',
        consecutiveFailures: 3,
        message: 'Google Ads API (marketing) failed 3 runs in a row',
      }),
    ).resolves.toBe(true);
    expect(received.at(-1)).toEqual({
      url: '/api/pp-health/health/reported-conditions',
      auth: 'Bearer plugin-token-for-pp-health',
      body: {
        alert_type: 'ingestion_failing',
        subject: 'src-1',
        value: 3,
        message: 'Google Ads API (marketing) failed 3 runs in a row',
      },
    });
  });

  it('answers false and logs when the health plugin refuses or cannot be reached', async () => {
    status = 503;
    const refused = reporter(() => base);
    await expect(
      refused.reporter.report({
        sourceId: 'src-1',
        consecutiveFailures: 0,
        message: 'ok',
      }),
    ).resolves.toBe(false);
    expect(refused.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('(503)'),
    );
    const down = reporter(() => 'http://127.0.0.1:9/api/pp-health');
    await expect(
      down.reporter.report({
        sourceId: 'src-1',
        consecutiveFailures: 4,
        message: 'failed',
      }),
    ).resolves.toBe(false);
    expect(down.logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('could not be told'),
    );
  });
});
