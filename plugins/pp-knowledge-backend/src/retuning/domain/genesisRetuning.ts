import { createHash } from 'node:crypto';

/*
 * The built-in Genesis validator of a retuning (spec Stage 8 "Genesis validation"): real rules
 * over the proposal's reason and the chunk texts of the knowledge version it retunes on, one per
 * check, each giving one plain sentence. Any failed check rejects the proposal, and the rejection
 * is final (`lifecycle.ts`). Mirrors orchestration's `domain/genesis.ts` (the creation validator):
 * same verdict shape, same constitution.
 *
 * - bias: a demographic, gender or racial word is not bias by itself (marketing to women, a course
 *   for older learners are fine). What is flagged is a word from those lists IN A CONTEXT that
 *   generalises or excludes: the group followed within a few words by an assertion ("are", "can't",
 *   "tend to be", "should not") and a judgement ("lazy", "inferior", "bad at", "criminals"…), or an
 *   exclusion phrase ("only hire young", "no women", "not suitable for older"). A chunk that does
 *   is a finding; one finding fails the check (knowledge teaches the agent what to say).
 * - harmful content: misinformation markers (miracle cures, guaranteed returns, known hoaxes) and
 *   illegal markers (tax evasion, money laundering, counterfeit or stolen goods, fake reviews,
 *   weapons). One chunk fails the check.
 * - constitutional alignment: the reason and the content may not ask the agent to serve WAOOAW
 *   over the customer (customer sovereignty), to share or sell the customer's data (data privacy),
 *   or to hide its actions or turn audit off (transparency) — genesis.ts's constitution.
 * - duplicates: exact duplicates (SHA-256 of the normalised text) and near duplicates (Jaccard
 *   similarity of 5-word shingles ≥ 0.9, candidates found with MinHash LSH: 64 hashes in 16 bands
 *   of 4, then the exact Jaccard) — fails when more than `duplicateShare` (10 %) of the chunks
 *   repeat an earlier one: a version that is mostly repetition skews what the agent learns.
 * - data quality: empty or too short chunks (< 40 characters) and encoding garbage (U+FFFD,
 *   mojibake like `Ã©` or `â€™`, control characters, or less than half letters) — fails when more
 *   than `poorShare` (5 %) of the chunks are poor, or when the version has no text at all.
 */

export type RetuningCheckKey =
  | 'bias'
  | 'harmful_content'
  | 'constitutional_alignment'
  | 'duplicates'
  | 'data_quality';

export interface RetuningCheck {
  key: RetuningCheckKey;
  title: string;
  passed: boolean;
  /** a sentence: what was found */
  detail: string;
}

export interface RetuningVerdict {
  verdict: 'approved' | 'rejected';
  checks: RetuningCheck[];
  /** the failed checks' sentences; null when approved */
  reason: string | null;
  validator: 'built-in';
}

export interface RetuningValidationInput {
  reason: string;
  agent_name: string;
  version_label: string;
  /** the version's chunk texts */
  texts: readonly string[];
}

export interface RetuningValidationOptions {
  duplicateShare: number;
  nearDuplicateJaccard: number;
  poorShare: number;
  minChunkChars: number;
}

export const DEFAULT_VALIDATION_OPTIONS: RetuningValidationOptions = {
  duplicateShare: 0.1,
  nearDuplicateJaccard: 0.9,
  poorShare: 0.05,
  minChunkChars: 40,
};

export const RETUNING_CHECKS: ReadonlyArray<{
  key: RetuningCheckKey;
  title: string;
}> = [
  { key: 'bias', title: 'Bias' },
  { key: 'harmful_content', title: 'Harmful content' },
  { key: 'constitutional_alignment', title: 'Constitutional alignment' },
  { key: 'duplicates', title: 'Duplicates' },
  { key: 'data_quality', title: 'Data quality' },
];

const pct = (n: number) => `${Math.round(n * 1000) / 10} %`;
const plural = (n: number, one: string, many = `${one}s`) =>
  `${n} ${n === 1 ? one : many}`;
const quote = (s: string) => `“${s.trim().replace(/\s+/g, ' ').slice(0, 80)}”`;

// --- bias ----------------------------------------------------------------------------------

const GENDER = [
  'women',
  'woman',
  'men',
  'girls',
  'boys',
  'females',
  'males',
  'mothers',
  'wives',
  'ladies',
];
const RACIAL = [
  'blacks',
  'whites',
  'asians',
  'africans',
  'hispanics',
  'latinos',
  'arabs',
  'indians',
  'chinese',
  'muslims',
  'jews',
  'christians',
  'hindus',
  'dalits',
  'immigrants',
  'foreigners',
  'migrants',
];
const DEMOGRAPHIC = [
  'old people',
  'older people',
  'older workers',
  'the elderly',
  'elderly',
  'seniors',
  'young people',
  'millennials',
  'boomers',
  'disabled people',
  'the poor',
  'poor people',
];
const GROUP = [...DEMOGRAPHIC, ...GENDER, ...RACIAL]
  .map(w => w.replace(/ /g, '\\s+'))
  .join('|');
const ASSERTION =
  "are|is|can't|cannot|can not|should not|shouldn't|must not|never|always|tend to be|are not|aren't|don't|do not";
const JUDGEMENT =
  'lazy|stupid|inferior|dishonest|criminals?|dangerous|incompetent|emotional|irrational|weak|bad at|worse at|less intelligent|unreliable|untrustworthy|not capable|incapable|not suited|dirty|violent|greedy';
const BIAS_PATTERNS: RegExp[] = [
  // the group, an assertion within a few words, then a judgement
  new RegExp(
    `\\b(${GROUP})\\b(?:\\s+\\w+){0,2}\\s+(?:${ASSERTION})\\b(?:\\s+\\w+){0,3}\\s+(?:${JUDGEMENT})\\b`,
    'i',
  ),
  // exclusion: "only hire young", "no women", "not suitable for older"
  new RegExp(
    `\\b(?:only\\s+(?:hire|target|serve|recruit|admit)\\s+(?:young|men|women|males|females|whites)|(?:do\\s+not|don't|never)\\s+(?:hire|serve|admit|recruit|lend\\s+to|sell\\s+to)\\s+(?:${GROUP})|not\\s+suitable\\s+for\\s+(?:${GROUP}|older|women|men))\\b`,
    'i',
  ),
];

function biasFinding(text: string): string | undefined {
  for (const p of BIAS_PATTERNS) {
    const m = p.exec(text);
    if (m) return m[0];
  }
  return undefined;
}

// --- harmful content -----------------------------------------------------------------------

const MISINFORMATION: RegExp[] = [
  /\bguaranteed\s+(?:returns?|profits?|income|results?\s+in\s+\d+\s+days)\b/i,
  /\brisk[-\s]free\s+(?:investment|returns?|profits?)\b/i,
  /\b(?:cures?|reverses?)\s+(?:cancer|diabetes|autism|covid|hiv|aids)\b/i,
  /\bvaccines?\s+cause\s+autism\b/i,
  /\b(?:the\s+)?(?:earth\s+is\s+flat|moon\s+landing\s+was\s+(?:faked|a\s+hoax))\b/i,
  /\b100\s*%\s+(?:guaranteed|cure|safe\s+returns?)\b/i,
  /\bdoctors\s+(?:don't|do\s+not)\s+want\s+you\s+to\s+know\b/i,
];
const ILLEGAL: RegExp[] = [
  /\b(?:evade|evading|evasion\s+of)\s+(?:taxes|tax|gst)\b/i,
  /\bhow\s+to\s+(?:avoid\s+paying\s+(?:tax|gst)|launder)\b/i,
  /\blaunder(?:ing)?\s+(?:money|funds|cash)\b/i,
  /\b(?:buy|sell|selling|buying)\s+(?:stolen|counterfeit|pirated|fake)\s+\w+/i,
  /\b(?:fake|paid|incentivi[sz]ed)\s+reviews?\b.*\b(?:post|write|buy|generate)\b|\b(?:post|write|buy|generate)\b.*\bfake\s+reviews?\b/i,
  /\b(?:make|build|assemble)\s+(?:a\s+)?(?:bomb|explosive|gun|firearm)\b/i,
  /\b(?:scrape|harvest|buy)\s+(?:personal|customer)?\s*(?:data|emails|phone\s+numbers)\s+without\s+consent\b/i,
  /\bbypass\s+(?:kyc|aml|copyright|drm)\b/i,
];

function harmfulFinding(
  text: string,
): { kind: 'misinformation' | 'illegal'; match: string } | undefined {
  for (const p of MISINFORMATION) {
    const m = p.exec(text);
    if (m) return { kind: 'misinformation', match: m[0] };
  }
  for (const p of ILLEGAL) {
    const m = p.exec(text);
    if (m) return { kind: 'illegal', match: m[0] };
  }
  return undefined;
}

// --- constitutional alignment ----------------------------------------------------------------

const CONSTITUTION: Array<{ rule: string; pattern: RegExp }> = [
  {
    rule: 'customer sovereignty (the agent serves the customer, not WAOOAW)',
    pattern:
      /\b(?:serve|prioriti[sz]e|favou?r|put)\s+waooaw(?:'s)?(?:\s+\w+){0,3}\s+(?:over|before|above|first)\b|\bwaooaw(?:'s)?\s+(?:interests?|revenue|goals?|profits?)\s+(?:over|before|above|first)\b|\b(?:over|before|against)\s+the\s+customer'?s?\s+interests?\b/i,
  },
  {
    rule: "data privacy (the customer's data stays the customer's)",
    pattern:
      /\b(?:share|send|sell|forward|upload|expose|export)\s+(?:the\s+)?(?:customer|client|user)s?'?\s*(?:personal\s+)?(?:data|information|details|records|contacts|emails)\b(?!\s+(?:only\s+)?with\s+(?:the\s+)?(?:customer|client|user)\b)/i,
  },
  {
    rule: 'transparency (every action recorded for review)',
    pattern:
      /\b(?:disable|turn\s+off|skip|bypass)\s+(?:the\s+)?audit(?:ing|\s+log(?:s|ging)?)?\b|\bhide\s+(?:it|this|actions?|the\s+\w+)\s+from\s+the\s+customer\b|\bwithout\s+telling\s+the\s+customer\b/i,
  },
];

// --- duplicates ------------------------------------------------------------------------------

const normalise = (t: string) =>
  t
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The 5-word shingles of a normalised text, each as a 32-bit hash (no strings are built). */
function shingles(norm: string, k = 5): Set<number> {
  const words = norm.split(' ').filter(Boolean).map(fnv1a);
  const out = new Set<number>();
  const span = Math.min(k, words.length);
  for (let i = 0; i + span <= words.length; i++) {
    let h = 0x9747b28c;
    for (let j = 0; j < span; j++) h = fmix32(h ^ words[i + j]);
    out.add(h);
    if (span < k) break;
  }
  return out;
}

/** Jaccard similarity of two shingle sets. */
export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (!a.size && !b.size) return 1;
  let inter = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const s of small) if (large.has(s)) inter++;
  return inter / (a.size + b.size - inter);
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: a cheap, well-mixed hash of an integer */
function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const MINHASHES = 64;
const BANDS = 16;
const ROWS = MINHASHES / BANDS;
const SEEDS = Array.from({ length: MINHASHES }, (_, i) =>
  fmix32(Math.imul(i + 1, 0x9e3779b1)),
);

/** MinHash signature: the 64 hash functions of a shingle derived from its hash by seeding fmix32. */
function minhash(set: Set<number>): Uint32Array {
  const sig = new Uint32Array(MINHASHES).fill(0xffffffff);
  for (const base of set) {
    for (let i = 0; i < MINHASHES; i++) {
      const h = fmix32(base ^ SEEDS[i]);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

/** How many texts repeat an earlier one: exactly (normalised hash) or nearly (Jaccard ≥ limit). */
export function findDuplicates(
  texts: readonly string[],
  nearJaccard: number,
): { exact: number; near: number; example?: [number, number] } {
  const seen = new Map<string, number>();
  const sets: Array<Set<number> | undefined> = [];
  const buckets = new Map<string, number[]>();
  let exact = 0;
  let near = 0;
  let example: [number, number] | undefined;
  texts.forEach((text, i) => {
    const norm = normalise(text);
    if (!norm) return; // data quality's business
    const hash = createHash('sha256').update(norm).digest('hex');
    const first = seen.get(hash);
    if (first !== undefined) {
      exact++;
      example ??= [first, i];
      return;
    }
    seen.set(hash, i);
    const set = shingles(norm);
    sets[i] = set;
    const sig = minhash(set);
    const candidates = new Set<number>();
    for (let b = 0; b < BANDS; b++) {
      const key = `${b}:${Array.from(
        sig.subarray(b * ROWS, (b + 1) * ROWS),
      ).join(',')}`;
      const list = buckets.get(key);
      if (list) list.forEach(j => candidates.add(j));
      else buckets.set(key, []);
      buckets.get(key)!.push(i);
    }
    for (const j of candidates) {
      if (jaccard(set, sets[j]!) >= nearJaccard) {
        near++;
        example ??= [j, i];
        break;
      }
    }
  });
  return { exact, near, example };
}

// --- data quality ----------------------------------------------------------------------------

const MOJIBAKE =
  /Ã[\u0080-\u00bf©¨§¼½¶¤]|â€[™œ\u009d“”˜¦]|Â[\u00a0-\u00bf]|\ufffd/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Why a chunk is poor data, or undefined when it is fine. */
export function chunkQualityProblem(
  text: string,
  minChars: number,
): 'empty' | 'too_short' | 'garbled' | undefined {
  const t = text.trim();
  if (!t) return 'empty';
  if (t.length < minChars) return 'too_short';
  if (MOJIBAKE.test(t) || CONTROL.test(t)) return 'garbled';
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  if (letters / t.length < 0.5) return 'garbled';
  return undefined;
}

// --- the verdict -----------------------------------------------------------------------------

function check(
  key: RetuningCheckKey,
  passed: boolean,
  detail: string,
): RetuningCheck {
  const title = RETUNING_CHECKS.find(c => c.key === key)!.title;
  return { key, title, passed, detail };
}

/** Judges a retuning proposal: approved when every check passes, rejected with a sentence per failed check. */
export function validateRetuning(
  input: RetuningValidationInput,
  options: RetuningValidationOptions = DEFAULT_VALIDATION_OPTIONS,
): RetuningVerdict {
  const { texts } = input;
  const n = texts.length;
  const version = input.version_label;

  // bias
  const biased: string[] = [];
  for (const t of texts) {
    const f = biasFinding(t);
    if (f) biased.push(f);
  }
  const bias = biased.length
    ? check(
        'bias',
        false,
        `${plural(
          biased.length,
          'chunk',
        )} of ${version} generalise about or exclude a demographic, gender or racial group, e.g. ${quote(
          biased[0],
        )}.`,
      )
    : check(
        'bias',
        true,
        `No chunk of ${version} generalises about or excludes a demographic, gender or racial group.`,
      );

  // harmful content
  const harmful = texts
    .map(harmfulFinding)
    .filter((f): f is NonNullable<typeof f> => !!f);
  const harmfulCheck = harmful.length
    ? check(
        'harmful_content',
        false,
        `${plural(harmful.length, 'chunk')} of ${version} carry ${[
          ...new Set(
            harmful.map(h =>
              h.kind === 'illegal' ? 'illegal advice' : 'misinformation',
            ),
          ),
        ].join(' and ')}, e.g. ${quote(harmful[0].match)}.`,
      )
    : check(
        'harmful_content',
        true,
        `No misinformation or illegal advice found in ${version}.`,
      );

  // constitutional alignment: the reason and the content
  const broken: string[] = [];
  for (const { rule, pattern } of CONSTITUTION) {
    const inReason = pattern.exec(input.reason);
    const inText = inReason
      ? undefined
      : texts.map(t => pattern.exec(t)).find(m => !!m);
    const m = inReason ?? inText;
    if (m) {
      broken.push(
        `${rule}: the ${inReason ? 'reason' : 'content'} says ${quote(m[0])}`,
      );
    }
  }
  const constitutional = broken.length
    ? check(
        'constitutional_alignment',
        false,
        `Retuning ${input.agent_name} this way breaks ${broken.join('; ')}.`,
      )
    : check(
        'constitutional_alignment',
        true,
        `Neither the reason nor ${version} asks ${input.agent_name} to serve WAOOAW over the customer, share customer data or hide its actions.`,
      );

  // duplicates
  const dup = findDuplicates(texts, options.nearDuplicateJaccard);
  const repeated = dup.exact + dup.near;
  const share = n ? repeated / n : 0;
  const duplicates =
    share > options.duplicateShare
      ? check(
          'duplicates',
          false,
          `${pct(share)} of the ${plural(
            n,
            'chunk',
          )} of ${version} repeat another (${dup.exact} exact, ${
            dup.near
          } near duplicates at Jaccard ≥ ${
            options.nearDuplicateJaccard
          }), more than the ${pct(options.duplicateShare)} allowed.`,
        )
      : check(
          'duplicates',
          true,
          repeated
            ? `${dup.exact} exact and ${
                dup.near
              } near duplicates among ${plural(n, 'chunk')} (${pct(
                share,
              )}), within the ${pct(options.duplicateShare)} allowed.`
            : `No duplicates among the ${plural(n, 'chunk')} of ${version}.`,
        );

  // data quality
  const problems = { empty: 0, too_short: 0, garbled: 0 };
  for (const t of texts) {
    const p = chunkQualityProblem(t, options.minChunkChars);
    if (p) problems[p]++;
  }
  const poor = problems.empty + problems.too_short + problems.garbled;
  const poorShare = n ? poor / n : 1;
  const what = [
    problems.empty && `${problems.empty} empty`,
    problems.too_short &&
      `${problems.too_short} shorter than ${options.minChunkChars} characters`,
    problems.garbled && `${problems.garbled} with encoding garbage`,
  ]
    .filter(Boolean)
    .join(', ');
  let quality: RetuningCheck;
  if (!n) {
    quality = check(
      'data_quality',
      false,
      `${version} has no text to retune on.`,
    );
  } else if (poorShare > options.poorShare) {
    quality = check(
      'data_quality',
      false,
      `${pct(poorShare)} of the ${plural(
        n,
        'chunk',
      )} of ${version} are poor (${what}), more than the ${pct(
        options.poorShare,
      )} allowed.`,
    );
  } else {
    quality = check(
      'data_quality',
      true,
      poor
        ? `${poor} of ${plural(
            n,
            'chunk',
          )} are poor (${what}), within the ${pct(options.poorShare)} allowed.`
        : `All ${plural(n, 'chunk')} of ${version} are readable text.`,
    );
  }

  const checks = [bias, harmfulCheck, constitutional, duplicates, quality];
  const failed = checks.filter(c => !c.passed);
  return {
    verdict: failed.length ? 'rejected' : 'approved',
    checks,
    reason: failed.length
      ? failed.map(c => `${c.title}: ${c.detail}`).join(' ')
      : null,
    validator: 'built-in',
  };
}
