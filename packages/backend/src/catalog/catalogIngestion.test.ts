import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { repoRoot } from '../__testUtils__/catalogFiles';
import { ppUntil } from '../__testUtils__/until';

jest.setTimeout(120_000);

const databases = ppTestDatabases();

// about 60 s
const eventually = ppUntil({ intervalMs: 250, tries: 240 });

describe.each(databases.eachSupportedId())(
  'the catalog backend ingests catalog-info.yaml (%s)',
  databaseId => {
    it('lists the 13 services and the agents as components', async () => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                rules: [
                  {
                    allow: ['Component', 'System', 'Group', 'Location'],
                  },
                ],
                locations: [
                  {
                    type: 'file',
                    target: path.join(repoRoot, 'catalog-info.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      });

      const components = await eventually(async () => {
        const res = await request(server).get(
          '/api/catalog/entities?filter=kind=component',
        );
        return res.status === 200 && res.body.length >= 17
          ? (res.body as Array<{ metadata: { name: string }; spec: any }>)
          : undefined;
      }, 'the catalog components');
      const ofType = (type: string) =>
        components.filter(c => c.spec.type === type).map(c => c.metadata.name);
      expect(ofType('service')).toHaveLength(13);
      expect(ofType('ai-agent')).toEqual(
        expect.arrayContaining(['genesis-validator']),
      );
      expect(ofType('ai-agent').length).toBeGreaterThanOrEqual(3);

      const groups = await request(server).get(
        '/api/catalog/entities?filter=kind=group',
      );
      expect(groups.body.map((g: any) => g.metadata.name)).toContain(
        'team-platform-ops',
      );
    });
  },
);
