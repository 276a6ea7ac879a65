import { PP_TICKET_ATTACHMENT_LIMITS } from '@internal/plugin-pp-common';
import { attachmentProblem } from './attachments';

describe('attachmentProblem', () => {
  it('accepts an allowed type within the size limit', () => {
    expect(
      attachmentProblem({ name: 'log.txt', size: 10, type: 'text/plain' }),
    ).toBeUndefined();
  });

  it('rejects what the backend would reject: too big, empty, other types', () => {
    expect(
      attachmentProblem({
        name: 'dump.zip',
        size: PP_TICKET_ATTACHMENT_LIMITS.max_bytes + 1,
        type: 'application/zip',
      }),
    ).toMatch(/dump\.zip is 5\.0 MB; the limit is 5 MB/);
    expect(
      attachmentProblem({ name: 'a.txt', size: 0, type: 'text/plain' }),
    ).toBe('a.txt is empty');
    expect(
      attachmentProblem({
        name: 'run.exe',
        size: 10,
        type: 'application/x-msdownload',
      }),
    ).toMatch(/run\.exe is of type application\/x-msdownload; allowed are/);
  });
});

// fileToBase64 is covered by the CreateTicketDialog test (it uploads a file and checks the bytes).
