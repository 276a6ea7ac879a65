import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Backstage's own permission to register catalog locations (`catalogLocationCreatePermission` of
 * @backstage/plugin-catalog-common, same name and attributes), so PP's frontend can hide the
 * "Register existing component" page from people the PP policy refuses it (decideBackstagePermission:
 * admins, infrastructure engineers and agent orchestrators may).
 *
 * @public
 */
export const ppCatalogRegisterPermission = createPermission({
  name: 'catalog.location.create',
  attributes: { action: 'create' },
});
