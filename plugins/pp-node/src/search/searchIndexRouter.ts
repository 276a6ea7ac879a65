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

/**
 * One PP search type's documents for the index routes: `all` for a type that is small (services,
 * people), `page` for one that grows (tickets): up to `limit` documents after the opaque `after`,
 * with `next` when more follow.
 *
 * @public
 */
export type PpSearchIndex =
  | { all(): Promise<PpSearchDocument[]> }
  | {
      page(page: { after?: string; limit: number }): Promise<{
        documents: PpSearchDocument[];
        next?: string;
      }>;
    };

/** The only caller of the index routes: Backstage's search backend, with its own plugin token. */
const SEARCH_PLUGIN = 'plugin:search';

/** Documents per answer of a paged type, unless the caller asks for fewer (at most 5 000). */
export const PP_SEARCH_INDEX_PAGE = 1000;

/**
 * `GET /search-index/<type>?after=&limit=`: one page of a PP search type's documents,
 * `{documents, next}` (`next` null on the last page; a type given as `all` is one page), for
 * Backstage's search backend to index (the PP collators in packages/backend read page after page).
 * Not a `/pp/v1` route and not for people or PP tokens: only the search plugin's service token is
 * accepted (403 for anyone else). What a person or agent may find is decided when they search:
 * each PP document type carries the PP permission of the page it comes from (`ppSearchTypes` in
 * pp-common), which the search engine authorizes through the PP policy.
 *
 * @public
 */
export function createPpSearchIndexRouter(options: {
  httpAuth: HttpAuthService;
  indexes: Record<string, PpSearchIndex>;
}): express.Router {
  const router = express.Router();
  router.get('/search-index/:type', (req, res, next) => {
    const index = options.indexes[req.params.type];
    if (!index) {
      next();
      return;
    }
    options.httpAuth
      .credentials(req, { allow: ['service'] })
      .then(async credentials => {
        if (credentials.principal.subject !== SEARCH_PLUGIN) {
          throw new NotAllowedError(
            'Only the search backend reads the Platform Portal search index',
          );
        }
        if (!('page' in index)) {
          return { documents: await index.all(), next: null };
        }
        const after =
          typeof req.query.after === 'string' && req.query.after
            ? req.query.after
            : undefined;
        const asked = Number(req.query.limit);
        const limit =
          Number.isInteger(asked) && asked >= 1
            ? Math.min(asked, 5000)
            : PP_SEARCH_INDEX_PAGE;
        const page = await index.page({ after, limit });
        return { documents: page.documents, next: page.next ?? null };
      })
      .then(body => res.json(body), next);
  });
  return router;
}
