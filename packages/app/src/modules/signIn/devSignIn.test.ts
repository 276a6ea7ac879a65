import { ResponseError } from '@backstage/errors';
import { devHeaders, signInRefusal } from './devSignIn';

describe('dev sign-in helpers', () => {
  it('marks only the first request of a pick as fresh', () => {
    const headers = devHeaders(
      { email: 'a@waooaw.com', sessionId: 's-1' },
      true,
    );
    expect(headers()).toEqual({
      'x-pp-dev-user': 'a@waooaw.com',
      'x-pp-dev-session': 's-1',
      'x-pp-dev-fresh': '1',
    });
    expect(headers()).not.toHaveProperty('x-pp-dev-fresh');
  });

  it('shows the reason the backend gave for a refusal', async () => {
    const response = new Response(
      JSON.stringify({
        error: { name: 'NotAllowedError', message: 'Your account is inactive' },
        request: { method: 'GET', url: '/refresh' },
        response: { statusCode: 403 },
      }),
      {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      },
    );
    const error = await ResponseError.fromResponse(response as any);
    expect(signInRefusal(error)).toBe('Your account is inactive');
    expect(signInRefusal(new Error('offline'))).toBe('offline');
    expect(signInRefusal(undefined)).toBeUndefined();
  });
});
