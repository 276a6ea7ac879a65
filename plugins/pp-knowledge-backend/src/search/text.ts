/*
 * Shared text helpers of the search package: one tokenizer (lower case, Unicode letters and digits)
 * and one list of very common English words, used by the hashing embedder (down-weighting), the
 * BM25 keyword index (not indexed) and topics (never a keyword).
 */

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu;

/** Lower-cased word tokens of `text` (letters and digits; an apostrophe inside a word is kept). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const lower = text.normalize('NFKC').toLowerCase();
  for (const m of lower.matchAll(TOKEN)) {
    out.push(m[0].replace('’', "'"));
  }
  return out;
}

/** Very common English words: weighted down by the embedder, left out of BM25 and topics. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all almost also am an and any are aren't as at be because been
  before being below between both but by can can't could couldn't did didn't do does doesn't doing
  don't down during each either etc even ever every few for from further get gets got had hadn't has
  hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how
  how's however i i'd i'll i'm i've if in into is isn't it it's its itself just let's like made make
  many may me might more most much must mustn't my myself new no nor not now of off often on once
  one only or other ought our ours ourselves out over own per rather really same shall shan't she
  she'd she'll she's should shouldn't since so some still such than that that's the their theirs
  them themselves then there there's these they they'd they'll they're they've this those though
  through thus to too under until up upon us use used using very via was wasn't we we'd we'll we're
  we've well were weren't what what's when when's where where's whether which while who who's whom
  why why's will with within without won't would wouldn't yet you you'd you'll you're you've your
  yours yourself yourselves`.split(/\s+/),
);

/** 32-bit FNV-1a of `s` from `seed` (deterministic across runs and machines). */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A final avalanche (murmur3 fmix32), so that every bit of the hash depends on every input bit. */
export function mix32(h: number): number {
  let x = h >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}
