import { ppUserIdFromEntityRef } from '@internal/plugin-pp-node';

/** Names principal refs (`user:pp/<id>`) for people to read; refs it cannot name are left out. */
export type PeopleNames = (
  refs: readonly string[],
) => Promise<Record<string, string>>;

/**
 * People's names from the PP users (`identity.users`): the board and the creation page show who
 * asked and who moved a creation by name, never by ref. One lookup per distinct person.
 */
export function peopleNamesFrom(users: {
  getUser(id: string): Promise<{ name: string } | undefined>;
}): PeopleNames {
  return async refs => {
    const out: Record<string, string> = {};
    await Promise.all(
      [...new Set(refs)].map(async ref => {
        const id = ppUserIdFromEntityRef(ref);
        if (!id) return;
        const user = await users.getUser(id).catch(() => undefined);
        if (user?.name) out[ref] = user.name;
      }),
    );
    return out;
  };
}
