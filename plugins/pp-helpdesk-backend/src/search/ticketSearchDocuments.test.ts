import { ppTestDatabases } from '@internal/plugin-pp-node/testUtils';
import { Knex } from 'knex';
import { migrateHelpdesk } from '../database/DatabaseTicketStore';
import { ticketSearchDocuments } from './ticketSearchDocuments';

jest.setTimeout(60_000);
const databases = ppTestDatabases();

describe.each(databases.eachSupportedId())('ticketSearchDocuments (%s)', id => {
  it('pages through the tickets in ticket order, each page after the last one', async () => {
    const knex: Knex = await databases.init(id);
    await migrateHelpdesk(knex);
    const now = new Date('2026-12-04T10:00:00Z');
    for (let i = 1; i <= 5; i++) {
      await knex('pp_tickets').insert({
        id: `t${i}`,
        type: 'incident',
        priority: 'high',
        status: 'open',
        title: `Problem ${i}`,
        description: `Details of problem ${i}`,
        reporter_id: 'u1',
        reporter_name: 'Ann',
        sla_response_minutes: 60,
        sla_resolution_minutes: 480,
        sla_escalation_path: 'team_lead',
        response_due_at: now,
        resolution_due_at: now,
        queue_due_at: now,
        created_at: now,
        updated_at: now,
      });
    }
    const keys: string[] = [];
    let after: string | undefined;
    let pages = 0;
    do {
      const page = await ticketSearchDocuments(knex, { after, limit: 2 });
      pages += 1;
      keys.push(...page.documents.map(d => String(d.key)));
      after = page.next;
    } while (after);
    expect(pages).toBe(3);
    expect(keys).toEqual([
      'TKT-000001',
      'TKT-000002',
      'TKT-000003',
      'TKT-000004',
      'TKT-000005',
    ]);
    const [firstDoc] = (await ticketSearchDocuments(knex, { limit: 1 }))
      .documents;
    expect(firstDoc).toMatchObject({
      title: 'TKT-000001 · Problem 1',
      location: '/pp/helpdesk/tickets/TKT-000001',
      text: 'TKT-000001 High incident, open. Details of problem 1',
    });
    // an exact last page has no next
    expect(
      (await ticketSearchDocuments(knex, { after: '3', limit: 2 })).next,
    ).toBeUndefined();
  });
});
