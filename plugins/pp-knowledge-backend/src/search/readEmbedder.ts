import { Config } from '@backstage/config';
import { Embedder, HashingEmbedder } from './Embedder';
import { OpenAiEmbedder } from './OpenAiEmbedder';

/**
 * The embedder of `pp.knowledge.embeddings`:
 * - `provider: hashing` (default): the local `HashingEmbedder`, `dimension` default 256;
 * - `provider: openai`: an OpenAI-compatible endpoint — `url` (default
 *   `https://api.openai.com/v1`), `model` and `dimension` required, `apiKey` optional,
 *   `batchSize` (64) and `timeoutMs` (30 000) optional.
 */
export function readEmbedder(
  config: Config,
  options: { fetch?: typeof fetch } = {},
): Embedder {
  const c = config.getOptionalConfig('pp.knowledge.embeddings');
  const provider = c?.getOptionalString('provider') ?? 'hashing';
  if (provider === 'hashing') {
    return new HashingEmbedder({
      dimension: c?.getOptionalNumber('dimension') ?? 256,
    });
  }
  if (provider === 'openai') {
    const model = c?.getOptionalString('model');
    const dimension = c?.getOptionalNumber('dimension');
    if (!model || dimension === undefined) {
      throw new Error(
        'pp.knowledge.embeddings with provider openai needs model and dimension (the model’s output size).',
      );
    }
    return new OpenAiEmbedder({
      url: c?.getOptionalString('url') ?? 'https://api.openai.com/v1',
      model,
      dimension,
      apiKey: c?.getOptionalString('apiKey'),
      batchSize: c?.getOptionalNumber('batchSize'),
      timeoutMs: c?.getOptionalNumber('timeoutMs'),
      fetch: options.fetch,
    });
  }
  throw new Error(
    `pp.knowledge.embeddings.provider must be hashing or openai, not ${provider}.`,
  );
}
