import { PP_TICKET_ATTACHMENT_LIMITS } from '@internal/plugin-pp-common';

/** Why a file cannot be attached (the backend's limits, checked before uploading), or undefined. */
export function attachmentProblem(file: {
  name: string;
  size: number;
  type: string;
}): string | undefined {
  const { max_bytes, content_types } = PP_TICKET_ATTACHMENT_LIMITS;
  if (file.size > max_bytes) {
    return `${file.name} is ${(file.size / 1024 / 1024).toFixed(
      1,
    )} MB; the limit is ${max_bytes / 1024 / 1024} MB`;
  }
  if (file.size === 0) {
    return `${file.name} is empty`;
  }
  if (!content_types.includes(file.type)) {
    return `${file.name} is of type ${
      file.type || 'unknown'
    }; allowed are ${content_types.join(', ')}`;
  }
  return undefined;
}

/** The bytes of a file as base64 (what `POST /tickets/{id}/attachments` takes). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () =>
      reject(reader.error ?? new Error('Could not read the file'));
    reader.onload = () => {
      // A data URL: `data:<type>;base64,<bytes>`.
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
