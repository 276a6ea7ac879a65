import { mockServices } from '@backstage/backend-test-utils';
import { ppSearchSchedule } from './ppSearchCollators';

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
