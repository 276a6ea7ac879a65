import { ConfigReader } from '@backstage/config';
import {
  PP_DEMO_SERVICE_IDS,
  assertHealthDemoAllowed,
  healthDemoConfigured,
  isDemoService,
} from './demoPolicy';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const config = (demo: boolean | undefined, healthDemo?: boolean) =>
  new ConfigReader({
    pp: {
      ...(demo === undefined ? {} : { demo: { enabled: demo } }),
      ...(healthDemo === undefined
        ? {}
        : { health: { demo: { enabled: healthDemo } } }),
    },
  });

describe('health demo policy', () => {
  it.each<[string, boolean | undefined, boolean | undefined, string, boolean]>([
    ['demo on, development', true, undefined, 'development', false],
    ['demo on, production', true, undefined, 'production', true],
    [
      'demo on but health demo off, production',
      true,
      false,
      'production',
      false,
    ],
    ['demo off, production', false, undefined, 'production', false],
    [
      'nothing configured, production',
      undefined,
      undefined,
      'production',
      false,
    ],
    ['demo on, test', true, true, 'test', false],
  ])('%s', (_what, demo, healthDemo, nodeEnv, refused) => {
    let error: unknown;
    try {
      assertHealthDemoAllowed(config(demo, healthDemo), { NODE_ENV: nodeEnv });
    } catch (e) {
      error = e;
    }
    expect(error === undefined ? 'started' : String(error)).toMatch(
      refused ? /NODE_ENV is production: refusing to start/ : /^started$/,
    );
  });

  it('is configured by pp.demo.enabled, with pp.health.demo.enabled on by default', () => {
    expect(healthDemoConfigured(config(true))).toBe(true);
    expect(healthDemoConfigured(config(true, false))).toBe(false);
    expect(healthDemoConfigured(config(false, true))).toBe(false);
  });

  it('knows the seeded demo services of the catalog, and nothing else', () => {
    const seeded = [
      ...readFileSync(
        path.resolve(__dirname, '../../../../catalog/services.yaml'),
        'utf8',
      ).matchAll(/pp\.waooaw\.com\/service-id:\s*([\w-]+)/g),
    ].map(m => m[1]);
    expect([...PP_DEMO_SERVICE_IDS].sort()).toEqual(seeded.sort());
    expect(isDemoService('payment-service')).toBe(true);
    expect(isDemoService('search-service')).toBe(false);
  });
});
