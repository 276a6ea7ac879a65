import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  PpApiRegistry,
  ppApiRegistryServiceRef,
} from '@internal/plugin-pp-node';
import { installedPpPluginIds } from '../features';
import { createPpV1Resolver, ppV1Mounts } from '../ppV1';
import {
  PpTestBackend,
  startPpTestBackend,
} from '../__testUtils__/ppTestBackend';
import { ppApiEntityName } from '../catalog/ppApiEntities';
import {
  concretePath,
  implementedPpEndpoints,
} from '../__testUtils__/contract';

/*
 * The OpenAPI document of /pp/v1 against what is mounted and what the contract file says: it is
 * a valid OpenAPI 3.1 document, every /pp/v1 route a PP plugin has mounted is in it and every
 * operation in it is mounted, every contract endpoint of an installed plugin is in it with the
 * contract's roles, and each plugin's part is an API entity in the catalog.
 */

jest.setTimeout(180_000);

const resolve = createPpV1Resolver(ppV1Mounts);
const concrete = concretePath;

function openApi31Validator() {
  const schemaFile = require.resolve(
    '@seriousme/openapi-schema-validator/schemas/v3.1/schema.json',
  );
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // the 3.1 schema's own format for media types, which ajv-formats does not know
  ajv.addFormat('media-range', true);
  return ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
}

function refsOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach(v => refsOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsOf(v, out);
    }
  }
  return out;
}

describe('the /pp/v1 OpenAPI document', () => {
  let backend: PpTestBackend;
  let registry: PpApiRegistry;
  let doc: any;

  beforeAll(async () => {
    backend = await startPpTestBackend({
      database: 'SQLITE_3',
      features: [
        createBackendModule({
          pluginId: 'pp-users',
          moduleId: 'test-api-registry',
          register(env) {
            env.registerInit({
              deps: {
                registry: ppApiRegistryServiceRef,
                logger: coreServices.logger,
              },
              async init(deps) {
                registry = deps.registry;
              },
            });
          },
        }),
      ],
    });
    const res = await backend.http().get('/pp/v1/openapi.json');
    if (res.status !== 200 || !res.headers.etag) {
      throw new Error(`GET /pp/v1/openapi.json: ${res.status} ${res.text}`);
    }
    doc = res.body;
  });

  afterAll(() => backend?.stop());

  it('is public and a valid OpenAPI 3.1 document whose references all resolve', () => {
    const validate = openApi31Validator();
    const valid = validate(doc);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toBe(`${backend.baseUrl}/pp/v1`);
    const unresolved = refsOf(doc).filter(
      ref =>
        !ref.startsWith('#/components/schemas/') ||
        !doc.components.schemas[ref.slice('#/components/schemas/'.length)],
    );
    expect([...new Set(unresolved)]).toEqual([]);
  });

  it('holds every mounted /pp/v1 route, and every operation in it is mounted', () => {
    const documented = new Set<string>();
    for (const [p, ops] of Object.entries<any>(doc.paths)) {
      for (const method of Object.keys(ops)) {
        documented.add(`${method.toUpperCase()} ${concrete(p)}`);
      }
    }
    const mounted = new Set<string>();
    for (const pluginId of installedPpPluginIds) {
      expect(registry.pluginIds()).toContain(pluginId);
      for (const route of registry.mountedRoutes(pluginId)) {
        const sample = concrete(route.path);
        // only what /pp/v1 reaches (the search-index routes, say, are Backstage-internal)
        if (resolve(sample) !== `/api/${pluginId}${sample}`) continue;
        mounted.add(`${route.method.toUpperCase()} ${sample}`);
      }
    }
    expect([...mounted].filter(r => !documented.has(r))).toEqual([]);
    expect([...documented].filter(r => !mounted.has(r))).toEqual([]);
    expect(mounted.size).toBeGreaterThan(40);
  });

  it('has every contract endpoint of the installed plugins, with the contract’s roles', () => {
    const found = implementedPpEndpoints().map(e => {
      const op =
        doc.paths[e.path.slice('/pp/v1'.length)]?.[e.method.toLowerCase()];
      const want = e.roles.filter(r => r !== 'admin');
      const roles = op?.['x-pp-roles'];
      return {
        endpoint: `${e.method} ${e.path}`,
        documented: Boolean(op?.summary),
        roles: Array.isArray(roles) ? [...roles].sort() : roles,
        contract: [
          'public',
          'authenticated',
          'service',
          'plugin',
          'signed',
        ].includes(want[0])
          ? want[0]
          : ['admin', ...want].sort(),
      };
    });
    expect(found.length).toBeGreaterThan(30);
    expect(found.filter(f => !f.documented)).toEqual([]);
    expect(
      found.filter(f => JSON.stringify(f.roles) !== JSON.stringify(f.contract)),
    ).toEqual([]);
  });

  it('describes the security of signed webhooks: the HMAC headers, no bearer token', () => {
    const signed = Object.entries<any>(doc.paths).flatMap(([p, ops]) =>
      Object.entries<any>(ops)
        .filter(([, op]) => op['x-pp-roles'] === 'signed')
        .map(([method, op]) => ({ where: `${method.toUpperCase()} ${p}`, op })),
    );
    expect(signed.map(s => s.where)).toContain('POST /webhooks/genesis');
    expect(doc.components.securitySchemes.ppSignature).toMatchObject({
      type: 'apiKey',
      in: 'header',
      name: 'X-PP-Signature',
    });
    for (const { op } of signed) {
      expect(op.security).toEqual([{ ppSignature: [] }]);
      expect(op.description).toMatch(/HMAC-SHA256/);
      const headers = Object.fromEntries(
        op.parameters
          .filter((p: any) => p.in === 'header')
          .map((p: any) => [p.name, p.required]),
      );
      expect(headers).toMatchObject({
        'X-PP-Timestamp': true,
        'X-PP-Signature': true,
      });
      expect(Object.keys(op.responses)).toContain('401');
      expect(Object.keys(op.responses)).not.toContain('403');
    }
  });

  it('documents the error envelope, body limits and success shapes of every operation', () => {
    const problems: string[] = [];
    for (const [p, ops] of Object.entries<any>(doc.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const where = `${method.toUpperCase()} ${p}`;
        const statuses = Object.keys(op.responses).map(Number);
        const success = statuses.filter(s => s < 400 && s !== 304);
        // one success, or 200 (done) and 202 (still under way) with the same body
        const doneOrUnderWay =
          success.length === 2 && success[0] === 200 && success[1] === 202;
        if (success.length !== 1 && !doneOrUnderWay)
          problems.push(`${where}: ${success} successes`);
        for (const s of success) {
          if (s !== 204 && !op.responses[String(s)]?.content) {
            problems.push(`${where}: no success content for ${s}`);
          }
        }
        if (
          doneOrUnderWay &&
          JSON.stringify(op.responses['200'].content) !==
            JSON.stringify(op.responses['202'].content)
        ) {
          problems.push(`${where}: 200 and 202 bodies differ`);
        }
        for (const s of statuses.filter(n => n >= 400)) {
          const schema =
            op.responses[String(s)].content?.['application/json']?.schema;
          if (schema?.$ref !== '#/components/schemas/ErrorResponse') {
            problems.push(`${where}: ${s} outside the error envelope`);
          }
        }
        if (op.requestBody) {
          if (!/^\d+(kb|mb)$/.test(op['x-pp-body-limit'] ?? '')) {
            problems.push(`${where}: no body limit`);
          }
          if (!statuses.includes(413)) problems.push(`${where}: no 413`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('puts each plugin’s part in the catalog as an API entity of type openapi', async () => {
    for (const pluginId of installedPpPluginIds) {
      const name = ppApiEntityName(pluginId);
      let entity: any;
      for (let i = 0; i < 60 && !entity; i++) {
        const res = await backend
          .http()
          .get(`/api/catalog/entities/by-name/api/default/${name}`)
          .set('authorization', backend.admin);
        if (res.status === 200) entity = res.body;
        else await new Promise(r => setTimeout(r, 500));
      }
      expect(entity?.spec?.type).toBe('openapi');
      const part = JSON.parse(entity.spec.definition);
      expect(part.openapi).toBe('3.1.0');
      expect(Object.keys(part.paths).length).toBeGreaterThan(0);
    }
  });
});
