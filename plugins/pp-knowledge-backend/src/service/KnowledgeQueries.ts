import { NotFoundError } from '@backstage/errors';
import type {
  PpKnowledgeDiff,
  PpKnowledgeIndustry,
  PpKnowledgeSourcePage,
  PpKnowledgeSourceQuery,
} from '@internal/plugin-pp-common';
import type { KnowledgeStore } from '../database/KnowledgeStore';
import { changePercent } from '../domain/versions';
import { diffTopics } from '../search/topics';
import { toApiRun, toApiSource, toApiVersion } from './views';

/** The knowledge reads: sources, runs, versions and the diff of two versions. */
export class KnowledgeQueries {
  constructor(private readonly deps: { store: KnowledgeStore }) {}

  /** The list reads' validator (the `knowledge` change mark). */
  changeMark() {
    return this.deps.store.changeMark();
  }

  async listSources(
    q: PpKnowledgeSourceQuery & { limit: number; offset: number },
  ): Promise<PpKnowledgeSourcePage> {
    const page = await this.deps.store.listSources(q);
    return {
      items: page.items.map(toApiSource),
      total_count: page.total,
      limit: q.limit,
      offset: q.offset,
    };
  }

  async getSource(id: string) {
    const s = await this.deps.store.getSource(id);
    if (!s) throw new NotFoundError(`No knowledge source ${id}`);
    return toApiSource(s);
  }

  async listRuns(sourceId: string, limit: number, offset: number) {
    await this.getSource(sourceId);
    const page = await this.deps.store.listRuns({
      source_id: sourceId,
      limit,
      offset,
    });
    return {
      items: page.items.map(toApiRun),
      total_count: page.total,
      limit,
      offset,
    };
  }

  async listVersions(
    industry: PpKnowledgeIndustry,
    limit: number,
    offset: number,
  ) {
    const page = await this.deps.store.listVersions(industry, limit, offset);
    return {
      items: page.items.map(toApiVersion),
      total_count: page.total,
      limit,
      offset,
    };
  }

  /**
   * What changed from `from` to `to` (defaults: the newest version and the one before it):
   * counts by SQL over the chunks' version ranges, topics from the versions' topic lists, the
   * sources with most changes.
   */
  async diff(
    industry: PpKnowledgeIndustry,
    q: { from?: string; to?: string },
  ): Promise<PpKnowledgeDiff> {
    const { store } = this.deps;
    const find = async (ref: string) => {
      const v = await store.findVersion(ref, industry);
      if (!v)
        throw new NotFoundError(`No knowledge version ${ref} of ${industry}`);
      return v;
    };
    const to = q.to ? await find(q.to) : await store.latestVersion(industry);
    let from = q.from ? await find(q.from) : undefined;
    if (!q.from && to) from = await store.versionBefore(industry, to.seq);
    const empty: PpKnowledgeDiff = {
      industry,
      from: from ? toApiVersion(from) : null,
      to: to ? toApiVersion(to) : null,
      embeddings_added: 0,
      embeddings_modified: 0,
      embeddings_removed: 0,
      embeddings_total_from: from?.chunks ?? 0,
      embeddings_total_to: to?.chunks ?? 0,
      change_percent: 0,
      new_topics: [],
      removed_topics: [],
      top_sources: [],
    };
    if (!to) return empty;
    const fromSeq = from?.seq ?? 0;
    // a range given backwards is read as asked: what `to` lacks of `from` is "removed"
    const counts =
      fromSeq <= to.seq
        ? await store.diffCounts(industry, fromSeq, to.seq)
        : swap(await store.diffCounts(industry, to.seq, fromSeq));
    const topics = diffTopics(from?.topics ?? [], to.topics);
    return {
      ...empty,
      embeddings_added: counts.added,
      embeddings_modified: counts.modified,
      embeddings_removed: counts.removed,
      embeddings_total_from: counts.total_from,
      embeddings_total_to: counts.total_to,
      change_percent: changePercent(counts, counts.total_from),
      new_topics: topics.new_topics,
      removed_topics: topics.removed_topics,
      top_sources: counts.top_sources,
    };
  }
}

function swap(c: Awaited<ReturnType<KnowledgeStore['diffCounts']>>) {
  return {
    added: c.removed,
    modified: c.modified,
    removed: c.added,
    total_from: c.total_to,
    total_to: c.total_from,
    top_sources: c.top_sources.map(s => ({
      ...s,
      added: s.removed,
      removed: s.added,
    })),
  };
}
