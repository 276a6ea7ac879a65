import { chunkText } from './chunk';

const sentence = (i: number) =>
  `Sentence ${i} explains how the campaign budget moved between channels this quarter.`;

describe('chunkText', () => {
  it('gives nothing for empty text and one chunk for short text', () => {
    expect(chunkText('')).toEqual([]);
    expect(chunkText('  \n\n ')).toEqual([]);
    expect(chunkText('One short  paragraph.\nSame paragraph.')).toEqual([
      'One short paragraph. Same paragraph.',
    ]);
  });

  it('keeps chunks within 1 200 characters and mostly above 800', () => {
    const text = Array.from({ length: 12 }, (_, p) =>
      Array.from({ length: 4 + (p % 5) }, (__, s) => sentence(p * 10 + s)).join(
        ' ',
      ),
    ).join('\n\n');
    const chunks = chunkText(text);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1200);
    for (const c of chunks.slice(0, -1))
      expect(c.length).toBeGreaterThanOrEqual(800);
    // every sentence is somewhere
    for (let p = 0; p < 12; p++) {
      expect(chunks.some(c => c.includes(sentence(p * 10)))).toBe(true);
    }
  });

  it('cuts a long paragraph at sentence ends and overlaps by one sentence', () => {
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkText(text);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.startsWith('Sentence ')).toBe(true);
      expect(c.endsWith('quarter.')).toBe(true);
    }
    for (let i = 1; i < chunks.length; i++) {
      const prevLast = chunks[i - 1].split(/(?<=\.) /).pop()!;
      expect(chunks[i].startsWith(prevLast)).toBe(true);
    }
  });

  it('cuts a sentence without ends at word boundaries, and a giant word hard', () => {
    const words = Array.from({ length: 600 }, (_, i) => `word${i}`).join(' ');
    const chunks = chunkText(words);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(1200);
    expect(chunks.join(' ').split(' ')).toEqual(
      expect.arrayContaining(['word0', 'word599']),
    );
    const giant = 'x'.repeat(3000);
    const g = chunkText(giant);
    expect(g.join('')).toBe(giant);
    for (const c of g) expect(c.length).toBeLessThanOrEqual(1200);
  });
});
