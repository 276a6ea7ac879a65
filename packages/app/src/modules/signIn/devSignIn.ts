import { IdentityApi } from '@backstage/core-plugin-api';

/*
 * The embedded default's dev sign-in keeps the picked demo user and its PP session id in local
 * storage, so a reload resumes the same PP session; the backend refuses it once it has ended.
 */
const STORAGE_KEY = 'pp.devSignIn';

export interface DevPick {
  email: string;
  sessionId: string;
}

export function loadDevPick(): DevPick | undefined {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    return value?.email && value?.sessionId ? value : undefined;
  } catch {
    return undefined;
  }
}

export function saveDevPick(pick: DevPick | undefined) {
  if (pick) localStorage.setItem(STORAGE_KEY, JSON.stringify(pick));
  else localStorage.removeItem(STORAGE_KEY);
}

export function newDevPick(email: string): DevPick {
  return { email, sessionId: crypto.randomUUID() };
}

/**
 * Headers for the pp-dev provider: the first request of an explicit pick says so (`fresh`), so
 * the backend starts a session; later refreshes must find that session alive.
 */
export function devHeaders(pick: DevPick, fresh: boolean) {
  let first = fresh;
  return () => {
    const headers: Record<string, string> = {
      'x-pp-dev-user': pick.email,
      'x-pp-dev-session': pick.sessionId,
    };
    if (first) headers['x-pp-dev-fresh'] = '1';
    first = false;
    return headers;
  };
}

/** Signing out also ends the PP session on the backend and forgets the pick. */
export function withPpSignOut(
  identity: IdentityApi,
  logoutUrl: () => Promise<string>,
): IdentityApi {
  return {
    getProfileInfo: () => identity.getProfileInfo(),
    getBackstageIdentity: () => identity.getBackstageIdentity(),
    getCredentials: () => identity.getCredentials(),
    async signOut() {
      try {
        const { token } = await identity.getCredentials();
        if (token) {
          await fetch(await logoutUrl(), {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}` },
          });
        }
      } finally {
        saveDevPick(undefined);
        await identity.signOut();
      }
    },
  };
}

/**
 * The reason a sign-in was refused, as the backend worded it. The proxied sign-in reports a
 * ResponseError whose generic message ("Request failed with 403") hides the body's reason.
 */
export function signInRefusal(error: unknown): string | undefined {
  if (!error) return undefined;
  const e = error as {
    message?: string;
    body?: { error?: { message?: string } };
    cause?: { message?: string };
  };
  return (
    e.body?.error?.message ?? e.cause?.message ?? e.message ?? String(error)
  );
}
