import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  PP_BODY_LIMIT_DEFAULT,
  ppBodyLimitBytes,
  ppBodyLimits,
} from './bodyLimits';

interface Route {
  method: string;
  path: string;
  body_limit?: string;
}

const contract: {
  body_limit_default: string;
  endpoints: Route[];
  other_body_routes: Route[];
} = parse(
  fs.readFileSync(
    path.resolve(__dirname, '../../../spec/api-catalog.yaml'),
    'utf8',
  ),
);

const key = (r: Route) => `${r.method} ${r.path}`;

describe('ppBodyLimits', () => {
  it('has the contract default', () => {
    expect(contract.body_limit_default).toBe(PP_BODY_LIMIT_DEFAULT);
  });

  it('is the contract: every route with a body_limit, with the same limit, and nothing else', () => {
    const stated = Object.fromEntries(
      [...contract.endpoints, ...contract.other_body_routes]
        .filter(r => r.body_limit !== undefined)
        .map(r => [key(r), r.body_limit]),
    );
    expect(ppBodyLimits).toEqual(stated);
  });

  it('states a limit on other_body_routes, which the endpoint list does not hold', () => {
    const endpoints = new Set(contract.endpoints.map(key));
    for (const r of contract.other_body_routes) {
      expect(r.body_limit).toEqual(expect.any(String));
      expect(endpoints.has(key(r))).toBe(false);
    }
  });

  it('only has limits of a size the backend reads', () => {
    for (const limit of [
      PP_BODY_LIMIT_DEFAULT,
      ...Object.values(ppBodyLimits),
    ]) {
      expect(ppBodyLimitBytes(limit)).toBeGreaterThan(0);
    }
    expect(ppBodyLimitBytes('100kb')).toBe(102_400);
    expect(ppBodyLimitBytes('10mb')).toBe(10 * 1024 * 1024);
    expect(() => ppBodyLimitBytes('10 MB')).toThrow(/not a body limit/);
    expect(() => ppBodyLimitBytes('1gb')).toThrow(/not a body limit/);
  });

  it('gives the log ingestion route the 10 MB of the contract', () => {
    expect(ppBodyLimits['POST /pp/v1/health/logs']).toBe('10mb');
  });
});
