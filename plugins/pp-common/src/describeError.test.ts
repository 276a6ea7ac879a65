import { ResponseError } from '@backstage/errors';
import { describeError } from './describeError';

const respond = (status: number, body: string, type = 'application/json') =>
  ResponseError.fromResponse(
    new Response(body, {
      status,
      statusText: 'Bad Request',
      headers: { 'content-type': type },
    }),
  );

describe('describeError', () => {
  it("gives the server's message of a Backstage error body", async () => {
    const error = await respond(
      400,
      JSON.stringify({
        error: { name: 'InputError', message: 'roles: admin is exclusive' },
        response: { statusCode: 400 },
      }),
    );
    expect(describeError(error)).toBe('roles: admin is exclusive');
  });

  it('digs the message out of a bare { error } body', async () => {
    const error = await respond(
      400,
      JSON.stringify({ error: { name: 'InputError', message: 'bad email' } }),
    );
    expect(describeError(error)).toBe('bad email');
  });

  it('falls back to the status for a non-JSON body, and to any error message', async () => {
    const error = await respond(502, 'gateway down', 'text/plain');
    expect(describeError(error)).toMatch(/502.*gateway down/);
    expect(describeError(new Error('boom'))).toBe('boom');
    expect(describeError('odd')).toBe('odd');
  });
});
