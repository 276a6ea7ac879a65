/*
 * The configurable alternative to the local hashing embedder: any OpenAI-compatible embeddings
 * endpoint (`POST {url}/embeddings` with `{ model, input: string[] }`, answering
 * `{ data: [{ index, embedding: number[] }] }`), e.g. OpenAI, Azure OpenAI behind a gateway, vLLM,
 * Ollama's or LiteLLM's OpenAI-compatible servers. Texts are sent in batches, each request with a
 * timeout; the vectors are checked against the configured dimension and L2-normalised (so the
 * index's dot product is the cosine whatever the server returns).
 */
import { Embedder, l2normalize } from './Embedder';

export interface OpenAiEmbedderOptions {
  /** base URL, e.g. `https://api.openai.com/v1` (`/embeddings` is appended unless already there) */
  url: string;
  model: string;
  /** the model's output dimension (the index is sized by it) */
  dimension: number;
  /** sent as `Authorization: Bearer …` when set */
  apiKey?: string;
  /** texts per request (default 64) */
  batchSize?: number;
  /** per request (default 30 000 ms) */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Embeddings from an OpenAI-compatible `/embeddings` endpoint (see above). */
export class OpenAiEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimension: number;
  private readonly endpoint: string;
  private readonly options: OpenAiEmbedderOptions;

  constructor(options: OpenAiEmbedderOptions) {
    if (!options.model) {
      throw new Error('The embeddings endpoint needs a model name.');
    }
    if (!Number.isInteger(options.dimension) || options.dimension < 1) {
      throw new Error(
        `The embeddings model's dimension must be a positive whole number, not ${options.dimension}.`,
      );
    }
    const base = options.url.replace(/\/+$/, '');
    this.endpoint = base.endsWith('/embeddings') ? base : `${base}/embeddings`;
    this.options = options;
    this.dimension = options.dimension;
    this.modelId = `openai:${options.model}:${options.dimension}`;
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const size = Math.max(1, this.options.batchSize ?? 64);
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += size) {
      out.push(...(await this.batch(texts.slice(i, i + size))));
    }
    return out;
  }

  private async batch(input: string[]): Promise<Float32Array[]> {
    const timeoutMs = this.options.timeoutMs ?? 30_000;
    const doFetch = this.options.fetch ?? fetch;
    let res: Response;
    try {
      res = await doFetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(this.options.apiKey
            ? { authorization: `Bearer ${this.options.apiKey}` }
            : {}),
        },
        body: JSON.stringify({
          model: this.options.model,
          input,
          encoding_format: 'float',
        }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const name = (e as Error)?.name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new Error(
          `The embeddings endpoint ${this.endpoint} did not answer within ${timeoutMs} ms.`,
        );
      }
      throw new Error(
        `The embeddings endpoint ${this.endpoint} could not be reached: ${
          (e as Error)?.message ?? e
        }`,
      );
    }
    const body = await res.text();
    if (!res.ok) {
      throw new Error(
        `The embeddings endpoint ${this.endpoint} answered ${
          res.status
        }: ${body.slice(0, 300)}`,
      );
    }
    let data: unknown;
    try {
      data = (JSON.parse(body) as { data?: unknown }).data;
    } catch {
      data = undefined;
    }
    if (!Array.isArray(data) || data.length !== input.length) {
      throw new Error(
        `The embeddings endpoint ${this.endpoint} did not return one embedding per text (${input.length} sent).`,
      );
    }
    const vectors: Float32Array[] = new Array(input.length);
    data.forEach((item: { index?: unknown; embedding?: unknown }, pos) => {
      const index = typeof item?.index === 'number' ? item.index : pos;
      const e = item?.embedding;
      if (!Array.isArray(e) || index < 0 || index >= input.length) {
        throw new Error(
          `The embeddings endpoint ${this.endpoint} returned an item without an embedding.`,
        );
      }
      if (e.length !== this.dimension) {
        throw new Error(
          `The embeddings model ${this.options.model} returned ${e.length} dimensions where ${this.dimension} are configured (pp.knowledge.embeddings.dimension).`,
        );
      }
      vectors[index] = l2normalize(Float32Array.from(e as number[]));
    });
    if (vectors.some(v => !v)) {
      throw new Error(
        `The embeddings endpoint ${this.endpoint} returned the same index twice.`,
      );
    }
    return vectors;
  }
}
