/*
 * Chunking: a document's text cut into passages of about 800–1 200 characters for embedding and
 * search. Paragraphs (blank lines) are kept whole when they fit; a paragraph that does not fit
 * into a chunk still short of the minimum, or is longer than the maximum, is cut at sentence ends,
 * a sentence longer than the maximum at word boundaries. Consecutive chunks overlap by the previous
 * chunk's last sentence (when it is at most 200 characters), so a fact that straddles a cut is
 * found from both sides.
 */

/** Chunk size bounds in characters. */
export interface ChunkOptions {
  /** a chunk is closed once it reaches this length (default 800) */
  minChars?: number;
  /** no chunk is longer than this (default 1 200) */
  maxChars?: number;
  /** the longest tail sentence repeated at the start of the next chunk (default 200; 0 = none) */
  overlapChars?: number;
}

const SENTENCE_END = /(?<=[.!?…])["')\]]*\s+(?=\S)/u;

/** `text` cut into pieces no longer than `max`: sentences, and words when a sentence is too long. */
function pieces(paragraph: string, max: number, whole: boolean): string[] {
  if (whole && paragraph.length <= max) return [paragraph];
  const out: string[] = [];
  for (const sentence of paragraph.split(SENTENCE_END)) {
    if (sentence.length <= max) {
      out.push(sentence);
      continue;
    }
    let current = '';
    for (const word of sentence.split(/\s+/)) {
      if (word.length > max) {
        if (current) out.push(current);
        current = '';
        for (let i = 0; i < word.length; i += max)
          out.push(word.slice(i, i + max));
        continue;
      }
      if (current && current.length + 1 + word.length > max) {
        out.push(current);
        current = word;
      } else {
        current = current ? `${current} ${word}` : word;
      }
    }
    if (current) out.push(current);
  }
  return out;
}

/** The chunks of `text`, in order; whitespace inside a paragraph is collapsed, empty text gives []. */
export function chunkText(text: string, options: ChunkOptions = {}): string[] {
  const min = options.minChars ?? 800;
  const max = Math.max(min, options.maxChars ?? 1200);
  const overlapMax = Math.min(options.overlapChars ?? 200, Math.floor(max / 4));
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map(p => p.replace(/\s+/g, ' ').trim())
    .filter(p => p.length > 0);

  const chunks: string[] = [];
  let parts: { text: string; sep: string }[] = [];
  let length = 0;
  let fresh = false; // the current chunk holds more than the overlap carried over

  const close = () => {
    if (!fresh) return;
    chunks.push(parts.map((p, i) => (i ? p.sep : '') + p.text).join(''));
    const last = parts[parts.length - 1];
    parts = [];
    length = 0;
    fresh = false;
    if (overlapMax > 0 && last && last.text.length <= overlapMax) {
      parts.push({ text: last.text, sep: '' });
      length = last.text.length;
    }
  };

  for (const paragraph of paragraphs) {
    let sep = '\n\n';
    // a paragraph is kept whole when it fits, or when the chunk is full enough to close first
    const whole =
      length + sep.length + paragraph.length <= max || length >= min || !fresh;
    for (const piece of pieces(paragraph, max, whole)) {
      if (length + sep.length + piece.length > max) close();
      if (length + sep.length + piece.length > max) {
        // the carried-over overlap and this piece do not fit together: drop the overlap
        parts = [];
        length = 0;
      }
      const s = parts.length ? sep : '';
      parts.push({ text: piece, sep: s });
      length += s.length + piece.length;
      fresh = true;
      if (length >= min) close();
      sep = ' ';
    }
  }
  close();
  return chunks;
}
