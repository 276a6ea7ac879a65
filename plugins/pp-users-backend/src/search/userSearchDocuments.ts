import { PP_ROLES, PpUser, isPpRoleKey } from '@internal/plugin-pp-common';
import { PpSearchDocument } from '@internal/plugin-pp-node';

const KIND_WORDS: Record<string, string> = {
  user: 'Person',
  agent: 'AI agent',
  service: 'Service',
};
const STATUS_WORDS: Record<string, string> = {
  active: 'active',
  pending: 'not signed in yet',
  inactive: 'deactivated',
};

/**
 * Every person and agent principal as a search document (the `pp-user` type, admins only): name,
 * email, roles and status in words.
 */
export async function userSearchDocuments(users: {
  listUsers(q: {
    limit?: number;
    offset?: number;
  }): Promise<{ items: PpUser[]; total_count: number }>;
}): Promise<PpSearchDocument[]> {
  const out: PpSearchDocument[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await users.listUsers({ limit: 200, offset });
    for (const u of page.items) {
      const roles = u.roles
        .map(r => (isPpRoleKey(r) ? PP_ROLES[r].title : String(r)))
        .join(', ');
      out.push({
        title: u.name,
        text: `${KIND_WORDS[u.kind] ?? u.kind}${
          u.email ? ` ${u.email}` : ''
        }, ${STATUS_WORDS[u.status] ?? u.status}. Roles: ${roles || 'none'}.`,
        location: '/pp/users/users',
        email: u.email,
      });
    }
    if (!page.items.length || offset + page.items.length >= page.total_count)
      break;
  }
  return out;
}
