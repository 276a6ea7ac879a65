import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import express from 'express';

/** One document of a PP search index, as Backstage's search engine stores it. @public */
export interface PpSearchDocument {
  title: string;
  text: string;
  location: string;
  [field: string]: unknown;
}

/** The only caller of the index routes: Backstage's search backend, with its own plugin token. */
const SEARCH_PLUGIN = 'plugin:search';

/**
 * `GET /search-index/<type>`: every document of one PP search type, for Backstage's search backend
 * to index (the PP collators in packages/backend). Not a `/pp/v1` route and not for people or PP
 * tokens: only the search plugin's service token is accepted (403 for anyone else). What a person
 * or agent may find is decided when they search: each PP document type carries the PP permission
 * of the page it comes from (`ppSearchTypes` in pp-common), which the search engine authorizes
 * through the PP policy.
 *
 * @public
 */
export function createPpSearchIndexRouter(options: {
  httpAuth: HttpAuthService;
  indexes: Record<string, () => Promise<PpSearchDocument[]>>;
}): express.Router {
  const router = express.Router();
  router.get('/search-index/:type', (req, res, next) => {
    const documents = options.indexes[req.params.type];
    if (!documents) {
      next();
      return;
    }
    options.httpAuth
      .credentials(req, { allow: ['service'] })
      .then(credentials => {
        if (credentials.principal.subject !== SEARCH_PLUGIN) {
          throw new NotAllowedError(
            'Only the search backend reads the Platform Portal search index',
          );
        }
        return documents();
      })
      .then(docs => res.json(docs), next);
  });
  return router;
}
