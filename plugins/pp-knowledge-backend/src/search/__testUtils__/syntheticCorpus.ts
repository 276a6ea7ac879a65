/*
 * Synthetic industry knowledge for tests and bench/knowledge: deterministic (seeded) chunks of
 * ~800–1 100 characters in plain English sentences about an industry's topics, with a Zipf-like
 * topic popularity, shared industry vocabulary, numbers and product names, and search queries
 * like the ones people type (a topic phrase, a few of a chunk's words). Test and bench data only:
 * never used by the plugin itself.
 */

const INDUSTRY_WORDS: Record<string, string> = {
  marketing: `campaign audience brand funnel conversion engagement impressions reach creative segment
    retargeting attribution newsletter influencer social search display video budget click cost
    lead landing page copy headline email subscriber churn loyalty awareness sponsorship event
    webinar podcast content calendar keyword ranking backlink organic paid affiliate coupon promo
    persona journey touchpoint cohort lifetime value analytics dashboard pixel consent cookie
    programmatic bidding placement frequency cap lookalike survey testimonial review rating`,
  education: `student teacher course curriculum enrollment admission semester term grade exam
    assessment rubric lecture tutorial classroom campus library scholarship tuition fee faculty
    department syllabus assignment homework attendance graduation alumni accreditation online
    learning module quiz certificate diploma degree program literacy numeracy science mathematics
    history language reading writing laboratory research thesis mentor counselling parent guardian
    district school college university vocational apprenticeship cohort retention dropout outcome`,
  sales: `pipeline prospect lead opportunity quota forecast deal stage close discount pricing
    proposal contract renewal upsell crossupsell territory account executive representative demo
    objection negotiation commission revenue bookings churn retention customer onboarding
    referral partner channel reseller distributor inventory order invoice payment margin target
    cadence outreach call meeting followup qualification discovery champion stakeholder procurement
    budget approval signature subscription license seat enterprise smb midmarket vertical region`,
};

const GENERAL =
  `report team review plan update quarter month week year growth decline increase
  decrease trend data metric goal result process policy guide practice strategy risk issue
  improvement change launch project tool system platform process feedback summary analysis
  benchmark target performance quality standard timeline owner priority action recommendation`
    .split(/\s+/)
    .filter(Boolean);

const TEMPLATES = [
  'The {t} {w} for {n} showed a {g} of {p} percent compared with the previous {g2}.',
  'Teams working on {t} should review the {w} and the {w2} before the next {g}.',
  'Our {g} on {t} found that {w} and {w2} matter most for {x}.',
  'In {n}, {x} adopted a new {w} approach to {t}, which improved {w2} by {p} percent.',
  'A common mistake with {t} is to ignore the {w}; the guide recommends checking {w2} first.',
  'The {x} {g} lists {w}, {w2} and {w3} as the main drivers of {t}.',
  'When the {w} changes, the {t} {g2} needs an update within {p} days.',
  'Experts expect {t} to shift towards {w} and {w2} over the coming {g2}.',
  'See the {t} checklist: {w}, {w2}, {w3}, and a weekly {g} with the owner.',
  'The data from {n} suggests that {w} is linked to better {t} outcomes.',
];

const SYLLABLES =
  `ka lo mi ra te vo su ne pi da ro zen tar vel mon qui bel dor fin gal hex
  lum nor pax ril sol tek vox yar zul ber cor dex fal gen hol`
    .split(/\s+/)
    .filter(Boolean);

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticChunk {
  id: string;
  source_id: string;
  topic: string;
  text: string;
}

export interface SyntheticCorpus {
  industry: string;
  topics: string[];
  chunks: SyntheticChunk[];
  /** realistic search queries, each about a topic and a chunk of it */
  queries: string[];
}

/**
 * `count` chunks of `industry` (marketing, education or sales) over `topicCount` topics and
 * `sources` sources, plus `queryCount` queries; the same arguments give the same corpus.
 */
export function syntheticCorpus(options: {
  industry: string;
  count: number;
  topicCount?: number;
  sources?: number;
  queryCount?: number;
  seed?: number;
}): SyntheticCorpus {
  const random = prng(options.seed ?? 42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const words = (INDUSTRY_WORDS[options.industry] ?? INDUSTRY_WORDS.marketing)
    .split(/\s+/)
    .filter(Boolean);
  const pseudo = () =>
    Array.from({ length: 2 + Math.floor(random() * 2) }, () =>
      pick(SYLLABLES),
    ).join('');
  const names = Array.from({ length: 400 }, () => {
    const n = pseudo();
    return n[0].toUpperCase() + n.slice(1);
  });
  const topicCount = options.topicCount ?? 300;
  const topics: string[] = [];
  const topicWords: string[][] = [];
  const seen = new Set<string>();
  while (topics.length < topicCount) {
    const t = `${pick(words)} ${random() < 0.3 ? pseudo() : pick(words)}`;
    if (seen.has(t)) continue;
    seen.add(t);
    topics.push(t);
    topicWords.push(
      Array.from({ length: 12 }, () =>
        random() < 0.6 ? pick(words) : pseudo(),
      ),
    );
  }
  // Zipf-like popularity: topic i has weight 1 / (i + 1)^0.8
  const cumulative: number[] = [];
  let total = 0;
  for (let i = 0; i < topicCount; i++) {
    total += 1 / (i + 1) ** 0.8;
    cumulative.push(total);
  }
  const pickTopic = () => {
    const r = random() * total;
    let lo = 0;
    let hi = topicCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const sources = options.sources ?? 8;
  const chunks: SyntheticChunk[] = [];
  for (let i = 0; i < options.count; i++) {
    const ti = pickTopic();
    const t = topics[ti];
    const tw = topicWords[ti];
    const w = () => (random() < 0.55 ? pick(tw) : pick(words));
    let text = '';
    while (text.length < 800 + random() * 250) {
      const sentence = pick(TEMPLATES).replace(/\{(\w+)\}/g, (_, k: string) => {
        switch (k) {
          case 't':
            return random() < 0.8 ? t : topics[pickTopic()];
          case 'w':
          case 'w2':
          case 'w3':
            return w();
          case 'g':
          case 'g2':
            return pick(GENERAL);
          case 'n':
            return `${pick(names)} ${2020 + Math.floor(random() * 7)}`;
          case 'x':
            return pick(names);
          case 'p':
            return String(1 + Math.floor(random() * 60));
          default:
            return k;
        }
      });
      text += (text ? ' ' : '') + sentence[0].toUpperCase() + sentence.slice(1);
    }
    chunks.push({
      id: `${options.industry}-chunk-${i}`,
      source_id: `${options.industry}-source-${i % sources}`,
      topic: t,
      text,
    });
  }

  const queries: string[] = [];
  for (let i = 0; i < (options.queryCount ?? 200); i++) {
    const c = chunks[Math.floor(random() * chunks.length)];
    const own = c.text
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter(x => x.length > 4);
    const extra = Array.from({ length: 1 + Math.floor(random() * 3) }, () =>
      pick(own),
    );
    queries.push([c.topic, ...extra].join(' '));
  }
  return { industry: options.industry, topics, chunks, queries };
}
