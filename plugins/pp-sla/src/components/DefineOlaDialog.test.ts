import { OlaForm, olaFormBody, olaFormProblems } from './DefineOlaDialog';

const form: OlaForm = {
  name: ' Service team accepts handoffs ',
  providerTeam: 'Service team',
  consumerTeam: 'Agent creation team',
  timing: 'handoff',
  ticketPriority: 'critical',
  amount: '1.5',
  unit: 'days',
  escalation: 'On-call engineer\n\n Service team lead \n',
};

describe('the "Define an OLA" form', () => {
  it('turns a right form into the API body (trimmed, minutes, handoff events, no ticket priority)', () => {
    expect(olaFormProblems(form)).toEqual({});
    expect(olaFormBody(form)).toEqual({
      name: 'Service team accepts handoffs',
      provider_team: 'Service team',
      consumer_team: 'Agent creation team',
      commitment_minutes: 2160,
      start_event: 'handoff_submitted',
      stop_event: 'handoff_accepted',
      escalation_path: ['On-call engineer', 'Service team lead'],
    });
  });

  it('names each problem in a sentence', () => {
    expect(
      olaFormProblems({
        ...form,
        name: 'ab',
        providerTeam: ' ',
        consumerTeam: 'x'.repeat(101),
        amount: '-1',
        escalation: Array.from({ length: 11 }, (_, i) => `Step ${i}`).join(
          '\n',
        ),
      }),
    ).toEqual({
      name: 'Name the OLA in 3 characters or more.',
      providerTeam: 'Name the team that commits in 2 characters or more.',
      consumerTeam: 'A team name has 100 characters at most.',
      amount: 'Give the time as a number above 0.',
      escalation: 'An escalation path has 10 steps at most.',
    });
    expect(olaFormProblems({ ...form, amount: '' }).amount).toBe(
      'Give the time as a number above 0.',
    );
    expect(
      olaFormProblems({ ...form, amount: '0.5', unit: 'minutes' }).amount,
    ).toBe('The time must come to whole minutes.');
    expect(
      olaFormProblems({ ...form, amount: '91', unit: 'days' }).amount,
    ).toBe('An OLA commits to 90 days at most.');
    expect(olaFormProblems({ ...form, amount: '0.1', unit: 'hours' })).toEqual(
      {},
    );
  });
});
