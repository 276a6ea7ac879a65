import { PpApiRegistry, sendCachedJson } from '@internal/plugin-pp-node';
import express from 'express';

/** Where the OpenAPI 3.1 document of the whole `/pp/v1` surface is served (public). */
export const PP_V1_OPENAPI_PATH = '/pp/v1/openapi.json';

/**
 * `GET /pp/v1/openapi.json`: the document built from the routes every PP plugin declared
 * (`createPpApiRouter` → `ppApiRegistryServiceRef`). Built once per registration, answered with an
 * ETag. Public: it says what exists and who may call it, nothing about data.
 */
export function createPpOpenApiRoute(registry: PpApiRegistry) {
  let document: Record<string, unknown> | undefined;
  registry.onChange(() => {
    document = undefined;
  });
  const router = express.Router();
  router.get('/', (req, res) => {
    document ??= registry.document();
    sendCachedJson(req, res, document, { maxAgeSeconds: 300 });
  });
  return router;
}
