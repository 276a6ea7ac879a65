import {
  ppTicketsReadPermission,
  ppTicketsUpdatePermission,
} from '@internal/plugin-pp-common';
import { z } from 'zod';
import { ppCommand } from '../commands/PpCommand';
import { PpGuard } from '../http/PpGuard';
import { createPpApiRouter } from './PpApiRouter';
import { ppOpenApiDocument } from './document';

const thing = z
  .object({ id: z.string(), size: z.number().int().nullable() })
  .meta({ id: 'Thing', description: 'A thing' });

function routes() {
  // the guard is only called by requests; documenting needs none
  const api = createPpApiRouter({
    pluginId: 'pp-things',
    guard: {} as PpGuard,
  });
  api.get('/tickets', {
    command: ppCommand({
      name: 'pp.things.list',
      permission: ppTicketsReadPermission,
      input: z.object({
        status: z.array(z.enum(['open', 'closed'])).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      version: async () => '1',
      run: async () => ({ items: [] }),
    }),
    summary: 'List things',
    response: z.object({ items: z.array(thing) }),
    maxAgeSeconds: 15,
  });
  api.put('/tickets/{ticket_id}', {
    command: ppCommand({
      name: 'pp.things.update',
      permission: ppTicketsUpdatePermission,
      input: z.object({
        ticket_id: z.string().min(1).max(64),
        if_match: z.string().optional(),
        title: z.string().min(3).max(200),
      }),
      run: async () => ({ id: 'a', size: null }),
    }),
    summary: 'Change a thing',
    headers: { 'If-Match': 'if_match' },
    response: thing,
    errors: [412],
  });
  api.get('/public-thing', {
    summary: 'Public',
    access: 'public',
    handler: (_req, res) => res.json({}),
    status: 200,
  });
  return api;
}

describe('ppOpenApiDocument', () => {
  const api = routes();
  const doc = ppOpenApiDocument(api.operations, {
    serverUrl: 'http://localhost:7007/pp/v1',
  });

  it('documents query parameters of a GET from the command input, and versioned polling', () => {
    const op = doc.paths['/tickets'].get;
    expect(op.parameters.map((p: any) => [p.name, p.in])).toEqual([
      ['status', 'query'],
      ['limit', 'query'],
      ['If-None-Match', 'header'],
    ]);
    expect(Object.keys(op.responses)).toEqual([
      '200',
      '304',
      '400',
      '401',
      '403',
      '429',
      '503',
    ]);
    expect(op.responses['200'].headers['Cache-Control'].description).toMatch(
      'max-age=15',
    );
    expect(op['x-pp-roles']).toEqual(
      expect.arrayContaining(['admin', 'helpdesk_agent']),
    );
    expect(op.description).toMatch(/^Roles: admin, /m);
  });

  it('splits a write into path, header and body, with the body limit', () => {
    const op = doc.paths['/tickets/{ticket_id}'].put;
    expect(op.parameters.map((p: any) => [p.name, p.in])).toEqual([
      ['ticket_id', 'path'],
      ['If-Match', 'header'],
    ]);
    const body = op.requestBody.content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(['title']);
    expect(body.required).toEqual(['title']);
    expect(op['x-pp-body-limit']).toBe('100kb');
    expect(Object.keys(op.responses)).toEqual(
      expect.arrayContaining(['404', '412', '413']),
    );
    expect(op.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Thing',
    });
    expect(doc.components.schemas.Thing.properties.size).toEqual({
      anyOf: [
        {
          type: 'integer',
          minimum: expect.any(Number),
          maximum: expect.any(Number),
        },
        { type: 'null' },
      ],
    });
  });

  it('marks public operations as needing no token', () => {
    const op = doc.paths['/public-thing'].get;
    expect(op.security).toEqual([]);
    expect(Object.keys(op.responses)).toEqual(['200', '400', '429', '503']);
  });

  it('refuses a path parameter the command does not take', () => {
    const api2 = createPpApiRouter({ pluginId: 'x', guard: {} as PpGuard });
    expect(() =>
      api2.get('/tickets/{nope}', {
        command: ppCommand({
          name: 'pp.x',
          permission: ppTicketsReadPermission,
          input: z.object({}),
          run: async () => ({}),
        }),
        summary: 'x',
      }),
    ).toThrow("pp.x has no input field 'nope'");
  });
});
