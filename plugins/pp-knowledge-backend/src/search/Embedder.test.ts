import { dot, HashingEmbedder } from './Embedder';
import { decodeVector, encodeVector } from './vectorCodec';

describe('HashingEmbedder', () => {
  const embedder = new HashingEmbedder();

  it('has a fixed dimension and a model id naming it', async () => {
    expect(embedder.dimension).toBe(256);
    expect(embedder.modelId).toBe('pp-hash-ngram-256-v1');
    const [v] = await embedder.embed(['Quarterly revenue grew in APAC.']);
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(256);
    expect(new HashingEmbedder({ dimension: 64 }).modelId).toBe(
      'pp-hash-ngram-64-v1',
    );
    expect(() => new HashingEmbedder({ dimension: 3 })).toThrow(/dimension/);
  });

  it('is deterministic: the same text gives the same vector, across instances', async () => {
    const text = 'Lead scoring models rank inbound prospects by intent.';
    const [a] = await embedder.embed([text]);
    const [b] = await new HashingEmbedder().embed([text]);
    expect(Array.from(a)).toEqual(Array.from(b));
    // a stable fingerprint: the hash functions must not change silently (the model id would lie)
    let fingerprint = 0;
    a.forEach((x, i) => (fingerprint += x * (i + 1)));
    expect(fingerprint.toFixed(4)).toBe('-143.9261');
  });

  it('gives L2-normalised vectors (and zero for text without words)', async () => {
    const [v, empty] = await embedder.embed([
      'Email open rates by segment',
      ' ... ',
    ]);
    expect(dot(v, v)).toBeCloseTo(1, 5);
    expect(dot(empty, empty)).toBe(0);
  });

  it('orders by lexical similarity: shared words and word forms beat unrelated text', async () => {
    const [q, near, inflected, far] = await embedder.embed([
      'student enrollment forecast',
      'The student enrollment forecast for next term rises by 4 percent.',
      'Students enrolled: forecasting models for the new term.',
      'Paid social campaigns lowered the cost per click for retail brands.',
    ]);
    expect(dot(q, near)).toBeGreaterThan(dot(q, inflected));
    expect(dot(q, inflected)).toBeGreaterThan(dot(q, far));
    expect(dot(q, far)).toBeLessThan(0.2);
  });

  it('weighs stopwords down: texts sharing only stopwords stay apart', async () => {
    const [a, b] = await embedder.embed([
      'the and of to in for with on at by from the of',
      'the and of to in for with on at by from the of budget',
    ]);
    const [c] = await embedder.embed(['budget']);
    expect(dot(b, c)).toBeGreaterThan(dot(a, b) * 0.5);
  });
});

describe('vectorCodec', () => {
  it('round-trips a vector through bytes', () => {
    const v = Float32Array.from([0.5, -1.25, 3e-8, 0]);
    const bytes = encodeVector(v);
    expect(bytes.length).toBe(16);
    expect(Array.from(decodeVector(bytes, 4))).toEqual(Array.from(v));
    // a Uint8Array view at an offset, as drivers may hand back
    const shifted = new Uint8Array(20);
    shifted.set(bytes, 4);
    expect(Array.from(decodeVector(shifted.subarray(4)))).toEqual(
      Array.from(v),
    );
  });

  it('refuses bytes of the wrong length', () => {
    expect(() => decodeVector(new Uint8Array(5))).toThrow(/4-byte/);
    expect(() => decodeVector(new Uint8Array(8), 4)).toThrow(
      /2 dimensions where 4/,
    );
  });
});
