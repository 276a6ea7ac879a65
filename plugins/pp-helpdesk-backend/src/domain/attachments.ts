import { InputError } from '@backstage/errors';

const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/png': b =>
    b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
  'image/jpeg': b => b.subarray(0, 3).equals(Buffer.from('ffd8ff', 'hex')),
  'image/gif': b => /^GIF8[79]a/.test(b.subarray(0, 6).toString('latin1')),
  'application/pdf': b => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'application/zip': b =>
    b.subarray(0, 4).equals(Buffer.from('504b0304', 'hex')),
};

/** Whether the bytes are what the content type says: magic numbers, or UTF-8 text without NUL. */
export function looksLike(contentType: string, bytes: Buffer): boolean {
  const magic = MAGIC[contentType];
  if (magic) return magic(bytes);
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The checks of an upload (400 when one fails): an allowed type, 1 byte to `maxBytes`, content that
 * matches the type. Returns the normalized type and a file name safe for Content-Disposition.
 */
export function checkAttachment(
  limits: { maxBytes: number; contentTypes: string[] },
  file: { file_name: string; content_type: string; content: Buffer },
): { contentType: string; fileName: string } {
  const contentType = file.content_type.toLowerCase().split(';')[0].trim();
  if (!limits.contentTypes.includes(contentType)) {
    throw new InputError(
      `Attachments of type ${contentType} are not accepted; allowed: ${limits.contentTypes.join(
        ', ',
      )}`,
    );
  }
  if (file.content.length === 0 || file.content.length > limits.maxBytes) {
    throw new InputError(
      `An attachment must be between 1 byte and ${limits.maxBytes} bytes; this one is ${file.content.length}`,
    );
  }
  if (!looksLike(contentType, file.content)) {
    throw new InputError(`The file's content is not ${contentType}`);
  }
  return {
    contentType,
    fileName: file.file_name.replace(/[\\/\r\n"]/g, '_').trim(),
  };
}
