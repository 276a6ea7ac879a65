/*
 * Topics of an industry's knowledge, for the version diff ("new topics", "removed topics").
 *
 * Method (simple, deterministic, explainable; no model):
 * 1. Per chunk, when it is stored: `chunkKeywords` picks up to 8 keywords, the chunk's most frequent
 *    content words (not stopwords, at least 3 characters, not numbers in digits or words) and word pairs (two
 *    neighbouring content words, counted only when they occur at least twice in the chunk, and
 *    preferred over single words: a pair scores 1.5× its count). Ties go to the earlier word.
 * 2. Per version: `topicsOf` counts in how many chunks each keyword occurs (document frequency).
 *    A topic is a keyword found in at least `minChunks` chunks (default: 2, or 0.2 % of the chunks
 *    when more) and, in a corpus of 50 chunks or more, in at most 40 % of them (boilerplate such as a
 *    source's name is everywhere and says nothing). A word pair absorbs its own words when they are
 *    hardly more frequent than the pair (≤ 1.25× its chunks): "influencer marketing" rather than
 *    "influencer" + "marketing". The `max` (default 50) most frequent topics are kept, label order
 *    breaking ties.
 * 3. Diff: `diffTopics(from, to)` compares the labels of two versions' topic lists — a topic of `to`
 *    whose label is not among `from`'s is new, the reverse removed. Lists are cut at `max`, so a
 *    topic that slips just below the cut shows as removed: store enough (the default 50) per version.
 */
import { STOPWORDS, tokenize } from './text';

/** A topic of a version: its label (a keyword) and how many chunks have it. */
export interface Topic {
  label: string;
  chunks: number;
}

/**
 * Words that count or order things say nothing about what a text is about ("four steps", "the
 * third quarter"): no keyword, like numbers in digits. (Topics only: the embedder keeps them.)
 */
const NUMBER_WORDS = new Set(
  (
    'one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty ' +
    'hundred hundreds thousand thousands million millions billion billions first second third ' +
    'fourth fifth sixth seventh eighth ninth tenth once twice half dozen'
  ).split(' '),
);

const isContentWord = (t: string) =>
  t.length >= 3 &&
  !STOPWORDS.has(t) &&
  !NUMBER_WORDS.has(t) &&
  !/^\d+$/.test(t);

/** Up to `max` (8) keywords of one chunk, best first (see the header). */
export function chunkKeywords(text: string, max = 8): string[] {
  const tokens = tokenize(text);
  const counts = new Map<string, { n: number; first: number; pair: boolean }>();
  const bump = (k: string, i: number, pair: boolean) => {
    const c = counts.get(k);
    if (c) c.n += 1;
    else counts.set(k, { n: 1, first: i, pair });
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!isContentWord(tokens[i])) continue;
    bump(tokens[i], i, false);
    if (i + 1 < tokens.length && isContentWord(tokens[i + 1])) {
      bump(`${tokens[i]} ${tokens[i + 1]}`, i, true);
    }
  }
  const scored: { k: string; score: number; first: number }[] = [];
  for (const [k, c] of counts) {
    if (c.pair && c.n < 2) continue;
    scored.push({ k, score: c.pair ? c.n * 1.5 : c.n, first: c.first });
  }
  scored.sort((a, b) => b.score - a.score || a.first - b.first);
  return scored.slice(0, max).map(s => s.k);
}

/** The topics of a version from its chunks' keyword lists (see the header). */
export function topicsOf(
  keywordLists: Iterable<readonly string[]>,
  options: { max?: number; minChunks?: number } = {},
): Topic[] {
  const df = new Map<string, number>();
  let n = 0;
  for (const list of keywordLists) {
    n += 1;
    for (const k of new Set(list)) df.set(k, (df.get(k) ?? 0) + 1);
  }
  return topicsFromCounts(df, n, options);
}

/** The fewest chunks a keyword of a corpus of `chunks` chunks must be in to be a topic. */
export function topicMinChunks(chunks: number): number {
  return Math.max(2, Math.ceil(chunks * 0.002));
}

/**
 * `topicsOf` from the keywords' chunk counts (document frequencies) of a corpus of `n` chunks.
 * Counts below `topicMinChunks(n)` may be left out: they change nothing (such a keyword is no
 * topic, so whether a pair absorbs it does not matter either).
 */
export function topicsFromCounts(
  df: ReadonlyMap<string, number>,
  n: number,
  options: { max?: number; minChunks?: number } = {},
): Topic[] {
  const min = options.minChunks ?? topicMinChunks(n);
  const maxShare = n >= 50 ? 0.4 * n : Infinity;
  const candidates = [...df]
    .filter(([, c]) => c >= min && c <= maxShare)
    .map(([label, chunks]) => ({ label, chunks }));

  const absorbed = new Set<string>();
  for (const t of candidates) {
    const words = t.label.split(' ');
    if (words.length < 2) continue;
    for (const w of words) {
      const c = df.get(w);
      if (c !== undefined && c <= t.chunks * 1.25) absorbed.add(w);
    }
  }
  return candidates
    .filter(t => !absorbed.has(t.label))
    .sort((a, b) => b.chunks - a.chunks || a.label.localeCompare(b.label))
    .slice(0, options.max ?? 50);
}

/** New and removed topics between two versions' topic lists, most chunks first. */
export function diffTopics(
  from: readonly Topic[],
  to: readonly Topic[],
): { new_topics: Topic[]; removed_topics: Topic[] } {
  const fromLabels = new Set(from.map(t => t.label));
  const toLabels = new Set(to.map(t => t.label));
  const order = (a: Topic, b: Topic) =>
    b.chunks - a.chunks || a.label.localeCompare(b.label);
  return {
    new_topics: to.filter(t => !fromLabels.has(t.label)).sort(order),
    removed_topics: from.filter(t => !toLabels.has(t.label)).sort(order),
  };
}
