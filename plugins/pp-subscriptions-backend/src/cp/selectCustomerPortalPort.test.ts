import { ConfigReader } from '@backstage/config';
import knexFactory from 'knex';
import { cpApiSettingsFromConfig } from '../service/config';
import { DemoCustomerPortalPort } from './DemoCustomerPortalPort';
import { HttpCustomerPortalPort } from './HttpCustomerPortalPort';
import { selectCustomerPortalPort } from './selectCustomerPortalPort';

const api = (values: object) =>
  cpApiSettingsFromConfig(
    new ConfigReader({ pp: { customerPortal: { api: values } } }),
  );

describe('the CP port in use', () => {
  const demoDb = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: ':memory:' },
    useNullAsDefault: true,
  });
  afterAll(() => demoDb.destroy());

  it('reads pp.customerPortal.api: URL, token (required with it), timeout', () => {
    expect(api({})).toBeUndefined();
    expect(api({ baseUrl: 'https://cp.example/api', token: 't' })).toEqual({
      baseUrl: 'https://cp.example/api',
      token: 't',
      timeoutMs: 10_000,
    });
    expect(
      api({ baseUrl: 'http://cp:8080', token: 't', timeoutSeconds: 2.5 }),
    ).toMatchObject({ timeoutMs: 2500 });
    expect(() => api({ baseUrl: 'https://cp.example' })).toThrow(
      /token is required/,
    );
    expect(() => api({ baseUrl: 'ftp://cp.example', token: 't' })).toThrow(
      /http\(s\) URL/,
    );
    expect(() => api({ baseUrl: 'not a url', token: 't' })).toThrow(/a URL/);
    expect(() =>
      api({ baseUrl: 'https://cp', token: 't', timeoutSeconds: 0 }),
    ).toThrow(/timeoutSeconds/);
  });

  it('is the HTTP one when the API is configured, the demo one with the demo CP, else none', () => {
    const settings = { baseUrl: 'https://cp', token: 't', timeoutMs: 1000 };
    expect(
      selectCustomerPortalPort({
        api: settings,
        connector: { kind: 'demo', demoDb },
      }),
    ).toBeInstanceOf(HttpCustomerPortalPort);
    expect(
      selectCustomerPortalPort({ connector: { kind: 'demo', demoDb } }),
    ).toBeInstanceOf(DemoCustomerPortalPort);
    expect(selectCustomerPortalPort({ connector: { kind: 'cp' } })).toBe(
      undefined,
    );
    expect(selectCustomerPortalPort({ connector: { kind: 'none' } })).toBe(
      undefined,
    );
  });
});
