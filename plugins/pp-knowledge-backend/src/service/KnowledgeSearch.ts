import { NotFoundError } from '@backstage/errors';
import type {
  PpKnowledgeIndustry,
  PpKnowledgeSearchResult,
} from '@internal/plugin-pp-common';
import type { KnowledgeStore } from '../database/KnowledgeStore';
import type { Embedder } from '../search/Embedder';
import { KnowledgeIndex } from '../search/KnowledgeIndex';
import { decodeVector } from '../search/vectorCodec';
import { tokenize } from '../search/text';

interface Cached {
  seq: number;
  generation: number;
  index: KnowledgeIndex;
}

/**
 * Search over B's in-memory `KnowledgeIndex`, one per industry, kept in this process. Each search
 * first reads the industry's newest version seq (one indexed row): when it moved, the chunks that
 * started or ended since the cached seq are added and retired (incremental); a re-embedding
 * (`invalidate`) or a first search builds the index from every chunk of the industry. Chunks still
 * embedded by another model (a model change being re-embedded in the background) are indexed with
 * a zero vector: keyword search finds them, vector search does not until they are re-embedded.
 */
export class KnowledgeSearch {
  private readonly cache = new Map<string, Promise<Cached>>();
  private generation = 0;

  constructor(
    private readonly deps: { store: KnowledgeStore; embedder: Embedder },
  ) {}

  /** Drops every cached index (after re-embedding). */
  invalidate() {
    this.generation += 1;
    this.cache.clear();
  }

  private toRows(
    rows: Awaited<ReturnType<KnowledgeStore['indexChunks']>>['added'],
  ) {
    const { embedder } = this.deps;
    return rows.map(r => ({
      id: r.id,
      source_id: r.source_id,
      version_from: r.version_from,
      version_to: r.version_to,
      text: r.text,
      vector:
        r.model_id === embedder.modelId
          ? decodeVector(r.embedding, embedder.dimension)
          : new Float32Array(embedder.dimension),
    }));
  }

  private async indexOf(industry: PpKnowledgeIndustry, seq: number) {
    const generation = this.generation;
    const cached = this.cache.get(industry);
    const current = cached ? await cached.catch(() => undefined) : undefined;
    if (current && current.seq === seq && current.generation === generation) {
      return current.index;
    }
    const next = (async (): Promise<Cached> => {
      const { store, embedder } = this.deps;
      if (current && current.generation === generation && current.seq < seq) {
        const delta = await store.indexChunks(industry, current.seq);
        await current.index.add(this.toRows(delta.added));
        for (const r of delta.retired) {
          current.index.retire([r.id], r.version_to);
        }
        return { seq, generation, index: current.index };
      }
      const all = await store.indexChunks(industry);
      const index = await KnowledgeIndex.build(this.toRows(all.added), {
        dimension: embedder.dimension,
      });
      return { seq, generation, index };
    })();
    this.cache.set(industry, next);
    return (await next).index;
  }

  async search(
    industry: PpKnowledgeIndustry,
    q: {
      query: string;
      source_ids?: string[];
      version?: string;
      limit: number;
      mode: 'hybrid' | 'keyword' | 'vector';
    },
  ): Promise<PpKnowledgeSearchResult> {
    const started = process.hrtime.bigint();
    const { store, embedder } = this.deps;
    const latest = await store.latestVersion(industry);
    let version = latest;
    if (q.version) {
      version = await store.findVersion(q.version, industry);
      if (!version) {
        throw new NotFoundError(
          `No knowledge version ${q.version} of ${industry}`,
        );
      }
    }
    if (!latest || !version) {
      return { industry, version: null, took_ms: 0, results: [] };
    }
    const index = await this.indexOf(industry, latest.seq);
    const queryVector =
      q.mode === 'keyword' ? undefined : (await embedder.embed([q.query]))[0];
    const hits = index.search({
      query: q.query,
      queryVector,
      limit: q.limit,
      mode: q.mode,
      sourceIds: q.source_ids?.length ? q.source_ids : undefined,
      versionSeq: version.seq === latest.seq ? undefined : version.seq,
    });
    const details = new Map(
      (await store.chunkDetails(hits.map(h => h.id))).map(d => [d.id, d]),
    );
    const terms = tokenize(q.query);
    const results = hits.flatMap(h => {
      const d = details.get(h.id);
      if (!d) return [];
      return [
        {
          chunk_id: d.id,
          document_id: d.document_id,
          title: d.title,
          url: d.url,
          source_id: d.source_id,
          source_name: d.source_name,
          score: h.score,
          snippet: snippetOf(d.text, terms),
        },
      ];
    });
    const tookMs = Number(process.hrtime.bigint() - started) / 1e6;
    return {
      industry,
      version: version.label,
      took_ms: Math.round(tookMs * 100) / 100,
      results,
    };
  }
}

/** About 300 characters of `text` around the first query term found in it. */
export function snippetOf(text: string, terms: string[], size = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= size) return flat;
  const lower = flat.toLowerCase();
  let at = -1;
  for (const t of terms) {
    if (t.length < 2) continue;
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = Math.max(0, Math.min(at < 0 ? 0 : at - 80, flat.length - size));
  const body = flat.slice(start, start + size);
  return `${start > 0 ? '…' : ''}${body}${
    start + size < flat.length ? '…' : ''
  }`;
}
