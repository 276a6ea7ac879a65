/*
 * The Platform Portal backend (the spec's "PP Gateway", port 8015).
 *
 * Backstage core plugins plus the PP domain plugins. The root HTTP router also serves the
 * `/pp/v1` contract by mapping it onto the PP plugins' routes (see ./ppV1/mounts.ts).
 */
import { createBackend } from '@backstage/backend-defaults';
import { ppV1Mounts, ppV1RootHttpRouterFactory } from './ppV1';

const backend = createBackend();

backend.add(ppV1RootHttpRouterFactory(ppV1Mounts));

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: Google for production, guest for the embedded default (enabled by config only)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-google-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog: services, agents and teams come from catalog YAML
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permission framework
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search: PostgreSQL engine when available, in-memory Lunr otherwise
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// AI agents reach PP actions through MCP
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
