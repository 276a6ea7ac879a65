/*
 * Embeddings in the database: a Float32Array stored as its little-endian IEEE-754 bytes (4 bytes a
 * dimension) in a binary column (`bytea` on PostgreSQL, `blob` on SQLite).
 */

/** The bytes of `vector` (little-endian float32), a copy. */
export function encodeVector(vector: Float32Array): Buffer {
  const out = Buffer.allocUnsafe(vector.length * 4);
  for (let i = 0; i < vector.length; i++) out.writeFloatLE(vector[i], i * 4);
  return out;
}

/**
 * The vector stored in `bytes` (a Buffer or Uint8Array from the driver); throws when the length is
 * not a multiple of 4 or, with `dimension`, not `dimension` floats.
 */
export function decodeVector(
  bytes: Uint8Array,
  dimension?: number,
): Float32Array {
  if (bytes.byteLength % 4 !== 0) {
    throw new Error(
      `A stored embedding has ${bytes.byteLength} bytes, which is not a whole number of 4-byte floats.`,
    );
  }
  const n = bytes.byteLength / 4;
  if (dimension !== undefined && n !== dimension) {
    throw new Error(
      `A stored embedding has ${n} dimensions where ${dimension} were expected; re-embed the industry's chunks.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
