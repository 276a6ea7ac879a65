import { mockServices } from '@backstage/backend-test-utils';
import { ppSearchTypes } from '@internal/plugin-pp-common';
import { PpSearchCollatorFactory, ppSearchSchedule } from './ppSearchCollators';

const tickets = ppSearchTypes.find(t => t.type === 'pp-ticket')!;

/** A stand-in for the helpdesk plugin: `fetch` answering its search-index route from `pages`. */
function helpdesk(pages: Record<string, { status?: number; body: unknown }>) {
  const asked: string[] = [];
  const fetchFn = (async (url: string | URL) => {
    const u = new URL(String(url));
    asked.push(`${u.pathname}${u.search}`);
    const page = pages[u.search] ?? { status: 404, body: {} };
    return new Response(JSON.stringify(page.body), {
      status: page.status ?? 200,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  const factory = new PpSearchCollatorFactory(tickets, {
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
    fetch: fetchFn,
  });
  return { factory, asked };
}

const doc = (n: number) => ({
  title: `T${n}`,
  text: `t${n}`,
  location: `/t/${n}`,
});

describe('PpSearchCollatorFactory', () => {
  it('reads the index page after page and hands every document on', async () => {
    const { factory, asked } = helpdesk({
      '': { body: { documents: [doc(1), doc(2)], next: '2' } },
      '?after=2': { body: { documents: [doc(3), doc(4)], next: '4' } },
      '?after=4': { body: { documents: [doc(5)], next: null } },
    });
    const read: unknown[] = [];
    for await (const d of await factory.getCollator()) read.push(d);
    expect(read).toEqual([doc(1), doc(2), doc(3), doc(4), doc(5)]);
    expect(asked).toEqual([
      '/api/pp-helpdesk/search-index/pp-ticket',
      '/api/pp-helpdesk/search-index/pp-ticket?after=2',
      '/api/pp-helpdesk/search-index/pp-ticket?after=4',
    ]);
  });

  it('fails the run when the plugin refuses the first page, and the stream when a later one fails', async () => {
    const refused = helpdesk({
      '': {
        status: 403,
        body: { error: { name: 'NotAllowedError', message: 'no' } },
      },
    });
    await expect(refused.factory.getCollator()).rejects.toThrow(/403/);
    const broken = helpdesk({
      '': { body: { documents: [doc(1)], next: '1' } },
      '?after=1': {
        status: 500,
        body: { error: { name: 'Error', message: 'x' } },
      },
    });
    const read: unknown[] = [];
    await expect(
      (async () => {
        for await (const d of await broken.factory.getCollator()) read.push(d);
      })(),
    ).rejects.toThrow(/500/);
    expect(read).toEqual([doc(1)]);
  });
});

describe('ppSearchSchedule', () => {
  it('rebuilds every 10 minutes by default, with 15 to finish', () => {
    expect(ppSearchSchedule(mockServices.rootConfig())).toEqual({
      frequency: { minutes: 10 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 20 },
    });
  });

  it('takes search.collators.pp.schedule in Backstage’s schedule shape', () => {
    const schedule = ppSearchSchedule(
      mockServices.rootConfig({
        data: {
          search: {
            collators: {
              pp: { schedule: { frequency: { hours: 1 }, timeout: 'PT20M' } },
            },
          },
        },
      }),
    );
    expect(schedule.frequency).toEqual({ hours: 1 });
    expect(schedule.timeout).toEqual({ minutes: 20 });
  });

  it('names the key of an invalid schedule', () => {
    expect(() =>
      ppSearchSchedule(
        mockServices.rootConfig({
          data: {
            search: { collators: { pp: { schedule: { frequency: 'soon' } } } },
          },
        }),
      ),
    ).toThrow(/search\.collators\.pp\.schedule/);
  });
});
