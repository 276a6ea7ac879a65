/*
 * Embedders turn texts into fixed-length vectors for the vector index. Every stored embedding carries
 * the `modelId` of the embedder that made it; a different model id means re-embedding.
 *
 * `HashingEmbedder` is the default: deterministic, local, no network, no weights. What it is, plainly:
 * a LEXICAL embedding ("feature hashing"), not a semantic one. Two texts are close when they share
 * words, word pairs and word pieces; synonyms and paraphrases with different words are not close.
 *
 * Method, for one text:
 * 1. tokens: lower-cased Unicode words (`tokenize`);
 * 2. features: every word (unigram), every pair of neighbouring words (bigram) and the character
 *    trigrams of every word padded as `^word$` (so "invoice" and "invoices" share most of them);
 * 3. weights: sublinear term frequency `1 + ln(tf)` times a fixed feature weight — words 1, bigrams
 *    0.8, trigrams 0.25 — with an IDF-like down-weighting of very common features: a stopword
 *    ("the", "and", … see `STOPWORDS`) weighs 0.1 as a word, gives no trigrams, and a bigram with a
 *    stopword weighs 0.35 (0 with two). There are no corpus statistics (deterministic per text: the
 *    same text always gives the same vector, whatever else is indexed);
 * 4. signed hashing: each feature's 32-bit hash (FNV-1a + murmur fmix, per feature kind a seed)
 *    picks a dimension (`hash % dimension`) and a sign (the top bit), so collisions cancel out on
 *    average instead of piling up;
 * 5. the vector is L2-normalised, so the dot product is the cosine similarity.
 */
import { fnv1a, mix32, STOPWORDS, tokenize } from './text';

/** Texts to vectors of one fixed dimension, L2-normalised (dot product = cosine). */
export interface Embedder {
  /** Stored with every embedding; a change of model id means re-embedding. */
  readonly modelId: string;
  readonly dimension: number;
  /** One vector per text, in order. */
  embed(texts: string[]): Promise<Float32Array[]>;
}

const SEED_WORD = 0x811c9dc5;
const SEED_PAIR = 0x1b873593;
const SEED_TRIGRAM = 0x5bd1e995;

const W_WORD = 1;
const W_STOPWORD = 0.1;
const W_PAIR = 0.8;
const W_PAIR_ONE_STOPWORD = 0.35;
const W_TRIGRAM = 0.25;

/** Divides `v` by its L2 norm in place (a zero vector stays zero); returns `v`. */
export function l2normalize(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i] *= inv;
  }
  return v;
}

/** The dot product of `a` and `b` (cosine similarity for normalised vectors). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** The deterministic local embedder (hashed word uni/bigrams and character trigrams); see above. */
export class HashingEmbedder implements Embedder {
  readonly modelId: string;
  readonly dimension: number;

  constructor(options: { dimension?: number } = {}) {
    const dimension = options.dimension ?? 256;
    if (!Number.isInteger(dimension) || dimension < 8 || dimension > 4096) {
      throw new Error(
        `The hashing embedder's dimension must be a whole number from 8 to 4096, not ${dimension}.`,
      );
    }
    this.dimension = dimension;
    this.modelId = `pp-hash-ngram-${dimension}-v1`;
  }

  /** The vectors of `texts`, yielding to the event loop every ~25 ms (a chunk takes ~0.2–0.8 ms). */
  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    let last = performance.now();
    for (const t of texts) {
      out.push(this.embedOne(t));
      if (performance.now() - last >= 25) {
        await new Promise(r => setImmediate(r));
        last = performance.now();
      }
    }
    return out;
  }

  /** The vector of one text, synchronously. */
  embedOne(text: string): Float32Array {
    const tf = new Map<number, number>();
    const weight = new Map<number, number>();
    const add = (hash: number, w: number) => {
      if (w <= 0) return;
      const h = mix32(hash);
      const n = tf.get(h);
      if (n === undefined) {
        tf.set(h, 1);
        weight.set(h, w);
      } else {
        tf.set(h, n + 1);
      }
    };

    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      const stop = STOPWORDS.has(t);
      add(fnv1a(t, SEED_WORD), stop ? W_STOPWORD : W_WORD);
      if (i + 1 < tokens.length) {
        const next = tokens[i + 1];
        const stops = (stop ? 1 : 0) + (STOPWORDS.has(next) ? 1 : 0);
        if (stops < 2) {
          add(
            fnv1a(next, fnv1a(' ', fnv1a(t, SEED_PAIR))),
            stops ? W_PAIR_ONE_STOPWORD : W_PAIR,
          );
        }
      }
      if (!stop && t.length >= 2) {
        const padded = `^${t}$`;
        for (let j = 0; j + 3 <= padded.length; j++) {
          add(fnv1a(padded.slice(j, j + 3), SEED_TRIGRAM), W_TRIGRAM);
        }
      }
    }

    const v = new Float32Array(this.dimension);
    for (const [h, n] of tf) {
      const w = (1 + Math.log(n)) * weight.get(h)!;
      v[h % this.dimension] += h & 0x80000000 ? -w : w;
    }
    return l2normalize(v);
  }
}
