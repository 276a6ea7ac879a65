import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import express from 'express';
import { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import {
  CatalogOnCallFacts,
  HttpAlertThresholdFacts,
  HttpSlaFacts,
  ON_CALL_ANNOTATION,
  noSlaPlugin,
} from './HandoffFactReaders';
import { HttpCustomerSettings } from './CustomerSettings';

/*
 * The readers over real HTTP against stand-in plugins answering like pp-health and
 * pp-subscriptions do, and over a fake catalog.
 */
describe('handoff fact readers and the customer settings reader', () => {
  let server: Server;
  let base: string;
  const seen: { path: string; authorization?: string }[] = [];
  const rules = {
    service_down: true,
    high_error_rate: true,
    high_cpu_memory: true,
    queue_backlog: false,
  };
  let thresholdsStatus = 200;
  const titles: Record<string, string> = {
    service_down: 'Service down',
    high_error_rate: 'High error rate',
    high_cpu_memory: 'High CPU or memory',
    queue_backlog: 'Queue backlog',
  };

  beforeAll(async () => {
    const app = express();
    app.use((req, _res, next) => {
      seen.push({ path: req.path, authorization: req.headers.authorization });
      next();
    });
    app.get('/api/pp-health/health/microservices/:id', (req, res) => {
      if (req.params.id === 'monitored-agent') {
        res.json({ service_id: req.params.id, recent_checks: [] });
      } else if (req.params.id === 'broken-agent') {
        res.status(500).json({ error: { name: 'Error', message: 'boom' } });
      } else {
        res
          .status(404)
          .json({ error: { name: 'NotFoundError', message: 'no' } });
      }
    });
    app.get('/api/pp-health/health/alert-thresholds', (_req, res) => {
      if (thresholdsStatus !== 200) {
        res
          .status(thresholdsStatus)
          .json({ error: { name: 'NotAllowedError', message: 'no' } });
        return;
      }
      res.json({
        items: Object.entries(rules).map(([alert_type, enabled]) => ({
          alert_type,
          title: titles[alert_type],
          enabled,
        })),
      });
    });
    app.get(
      '/api/pp-subscriptions/subscriptions/agents/:id/customer-settings',
      (req, res) => {
        if (req.params.id === 'cp-down') {
          res.status(503).json({
            error: {
              name: 'ServiceUnavailableError',
              message: 'The Customer Portal did not answer within 10 seconds.',
            },
          });
        } else if (req.params.id === 'odd-agent') {
          res.json({ agent_id: 'odd-agent', subscriptions: 'none' });
        } else {
          res.json({
            agent_id: req.params.id,
            source: 'customer_portal',
            subscriptions: [],
          });
        }
      },
    );
    const definition = (agent: string, from: string, to: string | null) => ({
      id: `def-${agent}`,
      agent_id: agent,
      service_id: agent,
      entity_ref: `component:default/${agent}`,
      type: 'premium',
      version: 2,
      targets: {
        response_time_p95_ms: 1500,
        uptime_percent: 99.95,
        error_rate_percent: 0.5,
        support_response_hours: 2,
        critical_resolution_hours: 2,
      },
      effective_from: from,
      effective_to: to,
    });
    app.get('/api/pp-sla/sla-definitions', (req, res) => {
      const agent = String(req.query.agent_id);
      const items: unknown[] = [];
      if (agent === 'sla-agent') {
        items.push(
          definition(agent, '2026-11-01T00:00:00.000Z', null),
          definition(
            agent,
            '2026-10-01T00:00:00.000Z',
            '2026-11-01T00:00:00.000Z',
          ),
        );
      } else if (agent === 'future-sla') {
        items.push(definition(agent, '2027-01-01T00:00:00.000Z', null));
      } else if (agent === 'sla-down') {
        res.status(500).json({ error: { name: 'Error', message: 'boom' } });
        return;
      }
      res.json({ items, total: items.length, limit: 100, offset: 0 });
    });
    server = app.listen(0);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(() => new Promise(r => server.close(r)));

  const http = (pluginBase = base) => ({
    discovery: {
      getBaseUrl: async (pluginId: string) => `${pluginBase}/${pluginId}`,
      getExternalBaseUrl: async () => pluginBase,
    },
    auth: mockServices.auth({ pluginId: 'pp-orchestration' }),
    logger: mockServices.logger.mock(),
    timeoutMs: 1000,
  });

  describe('alert thresholds', () => {
    afterEach(() => {
      rules.high_error_rate = true;
      rules.service_down = true;
      thresholdsStatus = 200;
    });

    it('verified: the agent is monitored and the service rules are on (with a plugin token)', async () => {
      const r = await new HttpAlertThresholdFacts(http()).forAgent(
        'monitored-agent',
      );
      expect(r.state).toBe('verified');
      expect(r.sentence).toMatch(/monitors this agent/);
      expect(seen.at(-1)).toMatchObject({
        path: '/api/pp-health/health/alert-thresholds',
        authorization: expect.stringMatching(/^Bearer .+/),
      });
    });

    it('unknown when not monitored yet; contradicted when a service rule is turned off', async () => {
      expect(
        await new HttpAlertThresholdFacts(http()).forAgent('unmonitored'),
      ).toEqual({
        state: 'unknown',
        sentence:
          'The health plugin does not monitor this agent yet, so PP cannot tell which alert rules apply to it; the evidence decides.',
      });
      rules.high_error_rate = false;
      rules.service_down = false;
      expect(
        await new HttpAlertThresholdFacts(http()).forAgent('monitored-agent'),
      ).toEqual({
        state: 'contradicted',
        sentence:
          'The health plugin monitors this agent, but its Service down and High error rate alert rules are turned off.',
      });
    });

    it('unknown: the health plugin fails, refuses or is down', async () => {
      expect(
        (await new HttpAlertThresholdFacts(http()).forAgent('broken-agent'))
          .state,
      ).toBe('unknown');
      thresholdsStatus = 403;
      expect(
        (await new HttpAlertThresholdFacts(http()).forAgent('monitored-agent'))
          .state,
      ).toBe('unknown');
      const down = await new HttpAlertThresholdFacts(
        http('http://127.0.0.1:1/api'),
      ).forAgent('monitored-agent');
      expect(down.state).toBe('unknown');
      expect(down.sentence).toMatch(/could not read the health plugin/);
    });
  });

  describe('on-call', () => {
    const group = (name: string, onCall?: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: {
        name,
        title: name === 'team-a' ? 'Team A' : undefined,
        annotations: onCall ? { [ON_CALL_ANNOTATION]: onCall } : {},
      },
      spec: { type: 'team' },
    });
    const agent = (name: string, owner?: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name },
      spec: { type: 'ai-agent', ...(owner ? { owner } : {}) },
    });
    const entities = new Map<string, Entity>([
      ['group:default/team-a', group('team-a', 'oncall-a@waooaw.com')],
      ['group:default/team-b', group('team-b')],
      ['component:default/covered', agent('covered', 'group:team-a')],
      ['component:default/short-owner', agent('short-owner', 'team-a')],
      [
        'component:default/uncovered',
        agent('uncovered', 'group:default/team-b'),
      ],
      ['component:default/ownerless', agent('ownerless')],
      [
        'component:default/person-owned',
        agent('person-owned', 'user:default/jo'),
      ],
      ['component:default/lost-owner', agent('lost-owner', 'group:team-gone')],
    ]);
    const asked: unknown[] = [];
    const catalog = {
      getEntityByRef: async (
        ref: string,
        options: { credentials: unknown },
      ) => {
        asked.push(options.credentials);
        if (ref === 'component:default/catalog-down')
          throw new Error('catalog 503');
        return entities.get(ref);
      },
    };
    const onCall = () =>
      new CatalogOnCallFacts({
        catalog,
        auth: mockServices.auth({ pluginId: 'pp-orchestration' }),
        logger: mockServices.logger.mock(),
      });

    it('verified when the owner group names its on-call engineer (service credentials)', async () => {
      expect(await onCall().forAgent('covered')).toEqual({
        state: 'verified',
        sentence:
          'The owner team Team A names its on-call engineer in the catalog (oncall-a@waooaw.com).',
      });
      expect((await onCall().forAgent('short-owner')).state).toBe('verified');
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.every(c => (c as any)?.principal?.type === 'service')).toBe(
        true,
      );
    });

    it.each([
      [
        'uncovered',
        'The owner team team-b names no on-call engineer in the catalog.',
      ],
      ['ownerless', 'The agent’s catalog entry names no owner team.'],
      ['person-owned', expect.stringMatching(/is a person, not a team/)],
      [
        'lost-owner',
        'The agent’s owner team (team-gone) is not in the catalog.',
      ],
    ])('contradicted: %s', async (agentId, sentence) => {
      expect(await onCall().forAgent(agentId)).toEqual({
        state: 'contradicted',
        sentence,
      });
    });

    it('unknown: the agent is not in the catalog yet, or the catalog fails', async () => {
      expect((await onCall().forAgent('not-registered')).sentence).toMatch(
        /not in the catalog yet/,
      );
      expect((await onCall().forAgent('catalog-down')).state).toBe('unknown');
    });
  });

  describe('SLA', () => {
    const sla = (pluginBase?: string) =>
      new HttpSlaFacts({
        ...http(pluginBase),
        now: () => new Date('2026-12-03T12:00:00.000Z'),
      });

    it('verified: the definition in force, with its targets (asked with a plugin token)', async () => {
      expect(await sla().forAgent('sla-agent')).toEqual({
        state: 'verified',
        sentence:
          'A premium SLA (version 2) is in force since 2026-11-01: response time (p95) under 1500 ms, uptime at least 99.95 %, error rate under 0.5 %.',
      });
      expect(seen.at(-1)).toMatchObject({
        path: '/api/pp-sla/sla-definitions',
        authorization: expect.stringMatching(/^Bearer .+/),
      });
    });

    it('contradicted: no definition, or one that takes effect later', async () => {
      expect(await sla().forAgent('new-agent')).toEqual({
        state: 'contradicted',
        sentence:
          'No SLA is defined for this agent yet: an agent orchestrator defines it on the SLA page.',
      });
      expect(await sla().forAgent('future-sla')).toEqual({
        state: 'contradicted',
        sentence:
          'The agent’s SLA takes effect only on 2027-01-01; none is in force yet.',
      });
    });

    it('unknown: the plugin fails or is down; not installed (404) says so', async () => {
      expect((await sla().forAgent('sla-down')).state).toBe('unknown');
      const down = await sla('http://127.0.0.1:1/api').forAgent('sla-agent');
      expect(down).toEqual({
        state: 'unknown',
        sentence:
          'PP could not read the SLA/OLA plugin, so the evidence decides whether the SLA is defined.',
      });
      const missing = new HttpSlaFacts({
        ...http(),
        discovery: {
          getBaseUrl: async () => `${base}/pp-no-such-plugin`,
          getExternalBaseUrl: async () => base,
        },
      });
      expect(await missing.forAgent('sla-agent')).toEqual(
        await noSlaPlugin.forAgent('sla-agent'),
      );
    });
  });

  it('SLA: no SLA/OLA plugin installed, so unknown with a sentence', async () => {
    expect(await noSlaPlugin.forAgent('any')).toEqual({
      state: 'unknown',
      sentence:
        'No SLA/OLA plugin is installed, so PP cannot check the SLA; the evidence decides.',
    });
  });

  describe('customer settings', () => {
    it('reads them from the subscriptions plugin', async () => {
      expect(
        await new HttpCustomerSettings(http()).forAgent('lead-hunter'),
      ).toEqual({
        ok: true,
        settings: {
          agent_id: 'lead-hunter',
          source: 'customer_portal',
          subscriptions: [],
        },
      });
    });

    it('says why not: CP down, plugin missing, odd answer, unreachable', async () => {
      expect(
        await new HttpCustomerSettings(http()).forAgent('cp-down'),
      ).toEqual({
        ok: false,
        message:
          'The Customer Portal’s settings could not be read: The Customer Portal did not answer within 10 seconds (503).',
      });
      const missing = await new HttpCustomerSettings(
        http(`${base}/missing`),
      ).forAgent('lead-hunter');
      expect(missing).toEqual({
        ok: false,
        message:
          'The subscriptions plugin is not installed, so the customers’ settings cannot be read.',
      });
      expect(
        (await new HttpCustomerSettings(http()).forAgent('odd-agent')).ok,
      ).toBe(false);
      expect(
        await new HttpCustomerSettings(http('http://127.0.0.1:1/api')).forAgent(
          'lead-hunter',
        ),
      ).toMatchObject({
        ok: false,
        message: expect.stringMatching(/could not be reached/),
      });
    });
  });
});
