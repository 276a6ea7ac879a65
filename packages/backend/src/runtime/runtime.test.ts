import { ServiceUnavailableError } from '@backstage/errors';
import express from 'express';
import request from 'supertest';
import {
  classifyDependencyError,
  dependencyPortsOf,
  withDependencyErrors,
} from './dependencyErrors';
import { PpRootHealthService } from './ppRootHealth';
import { exitAfterShutdownLimit } from './shutdown';
import { ConfigReader } from '@backstage/config';

const ports = { database: [5432], redis: [6380] };
const refused = (port: number) =>
  Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:${port}`), {
    code: 'ECONNREFUSED',
    port,
  });

describe('classifyDependencyError', () => {
  it('recognises PostgreSQL and Redis outages, also wrapped', () => {
    expect(classifyDependencyError(refused(5432), ports)).toBe('database');
    expect(classifyDependencyError(refused(6380), ports)).toBe('redis');
    expect(
      classifyDependencyError(
        Object.assign(new Error('terminating connection'), { code: '57P01' }),
        ports,
      ),
    ).toBe('database');
    expect(
      classifyDependencyError(new Error('Connection terminated unexpectedly')),
    ).toBe('database');
    const maxRetries = new Error('Reached the max retries per request limit');
    maxRetries.name = 'MaxRetriesPerRequestError';
    expect(classifyDependencyError(maxRetries)).toBe('redis');
    expect(
      classifyDependencyError(new Error('outer', { cause: refused(5432) })),
    ).toBe('database');
    expect(
      classifyDependencyError(new AggregateError([refused(6380)]), ports),
    ).toBe('redis');
  });

  it('leaves other errors alone, a refused monitored service among them', () => {
    expect(classifyDependencyError(refused(8080), ports)).toBeUndefined();
    // the search engine asked for types whose index is not built yet (just after start)
    const missing = Object.assign(new Error('Missing index for pp-user'), {
      name: 'MissingIndexError',
    });
    expect(classifyDependencyError(missing)).toBe('search-index');
    expect(classifyDependencyError(new Error('boom'))).toBeUndefined();
    expect(
      classifyDependencyError(new ServiceUnavailableError('x')),
    ).toBeUndefined();
  });

  it('reads the ports from the configuration', () => {
    const config = new ConfigReader({
      backend: {
        database: { client: 'pg', connection: { port: 6543 } },
        cache: { store: 'redis', connection: 'redis://cache:7000' },
      },
      pp: { redis: { url: 'redis://:pw@sessions:7001' } },
    });
    expect(dependencyPortsOf(config)).toEqual({
      database: [5432, 6543],
      redis: [6379, 7001, 7000],
    });
  });
});

describe('withDependencyErrors', () => {
  const app = (error: Error) => {
    const a = express();
    a.get('/', () => {
      throw error;
    });
    a.use(
      withDependencyErrors(
        (err, _req, res, _next) =>
          res.status(err.name === 'ServiceUnavailableError' ? 503 : 500).json({
            error: { name: err.name, message: err.message },
          }),
        { ports },
      ),
    );
    return a;
  };

  it('answers 503 with Retry-After and a fixed message', async () => {
    const res = await request(app(refused(5432))).get('/');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.message).toMatch(
      /database \(PostgreSQL\) is unavailable/,
    );
    expect(JSON.stringify(res.body)).not.toContain('ECONNREFUSED');
  });

  it('passes other errors through', async () => {
    const res = await request(app(new Error('boom'))).get('/');
    expect(res.status).toBe(500);
    expect(res.headers['retry-after']).toBeUndefined();
  });
});

describe('PpRootHealthService', () => {
  it('is ready only after startup, while every dependency answers, and not while stopping', async () => {
    let redisUp = true;
    let now = 0;
    const health = new PpRootHealthService(
      [
        { name: 'PostgreSQL', check: async () => {} },
        {
          name: 'Redis',
          check: async () => {
            if (!redisUp) throw new Error('down');
          },
        },
      ],
      () => now,
    );
    expect((await health.getReadiness()).status).toBe(503);
    health.started();
    expect(await health.getReadiness()).toEqual({
      status: 200,
      payload: { status: 'ok' },
    });
    redisUp = false;
    now += 1500;
    expect(await health.getReadiness()).toMatchObject({
      status: 503,
      payload: { message: 'Redis unavailable', unavailable: ['Redis'] },
    });
    expect((await health.getLiveness()).status).toBe(200);
    redisUp = true;
    now += 1500;
    expect((await health.getReadiness()).status).toBe(200);
    health.stopping();
    expect((await health.getReadiness()).payload).toMatchObject({
      message: 'Backend is shutting down',
    });
  });
});

describe('exitAfterShutdownLimit', () => {
  it('exits with 1 when a shutdown outlasts the limit', () => {
    jest.useFakeTimers();
    const handlers: Record<string, () => void> = {};
    const exit = jest.fn();
    exitAfterShutdownLimit(1000, {
      once: ((signal: string, fn: () => void) => {
        handlers[signal] = fn;
      }) as any,
      exit: exit as any,
    });
    jest.advanceTimersByTime(5000);
    expect(exit).not.toHaveBeenCalled();
    handlers.SIGTERM();
    jest.advanceTimersByTime(999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    jest.useRealTimers();
  });
});
