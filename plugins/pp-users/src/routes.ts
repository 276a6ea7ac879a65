import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The user management page, `/pp/users`. */
export const rootRouteRef = createRouteRef();

/** Its tabs. */
export const usersRouteRef = createRouteRef();
export const roleRequestsRouteRef = createRouteRef();
export const roleChangesRouteRef = createRouteRef();

/** The self-service page of every signed-in person, `/pp/my-access`. */
export const myAccessRouteRef = createRouteRef();
