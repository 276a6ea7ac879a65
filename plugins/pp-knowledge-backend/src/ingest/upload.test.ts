import fs from 'node:fs';
import path from 'node:path';
import { parseUpload } from './upload';
import { usePdfjsUnderJest } from './testUtils';

const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, '__fixtures__', name));

beforeAll(() => usePdfjsUnderJest());

describe('parseUpload', () => {
  it('reads a text file as one record', async () => {
    expect(await parseUpload('notes.txt', fixture('notes.txt'))).toEqual([
      {
        external_id: 'notes.txt#',
        title: 'notes',
        content:
          'Our tone of voice: plain words, short sentences.\n\nNever promise results we cannot measure.',
        url: null,
        published_at: null,
      },
    ]);
  });

  it('splits Markdown at its top headings, outside code fences', async () => {
    const records = await parseUpload('docs/guide.md', fixture('guide.md'));
    expect(records.map(r => [r.external_id, r.title])).toEqual([
      ['guide.md#', 'Classroom Guide'],
      ['guide.md#lesson-planning', 'Lesson planning'],
      ['guide.md#assessment', 'Assessment'],
      ['guide.md#lesson-planning-2', 'Lesson planning'],
    ]);
    expect(records[0].content).toBe('This guide collects what works.');
    expect(records[1].content).toBe(
      'Start from the learning goal, then choose the activity.\n\nTiming\n\nKeep each block under 20 minutes.\n\nnot a heading: inside a code block',
    );
  });

  it('splits Markdown at ## when that is the top level, and keeps a file without headings whole', async () => {
    const md = Buffer.from('## One\nfirst\n### Sub\ndeeper\n## Two\nsecond\n');
    expect((await parseUpload('x.md', md)).map(r => r.title)).toEqual([
      'One',
      'Two',
    ]);
    const plain = await parseUpload('y.markdown', Buffer.from('just *text*'));
    expect(plain).toEqual([
      expect.objectContaining({ title: 'y', content: 'just text' }),
    ]);
  });

  it('reads a CSV with ; and a BOM, guessing columns by header', async () => {
    const records = await parseUpload('playbook.csv', fixture('playbook.csv'));
    expect(records).toEqual([
      {
        external_id: expect.stringMatching(
          /^playbook\.csv#sha256:[0-9a-f]{32}$/,
        ),
        title: 'Welcome email',
        content: 'Send within 5 minutes; personalise the subject',
        url: 'https://crm.example/kb/1',
        published_at: '2026-11-30T00:00:00.000Z',
      },
      {
        external_id: expect.stringMatching(/^playbook\.csv#sha256:/),
        title: 'Follow-up',
        content: 'Wait two days, then call.',
        url: null,
        published_at: null,
      },
    ]);
    // the same row gives the same id on the next upload
    const again = await parseUpload('playbook.csv', fixture('playbook.csv'));
    expect(again[0].external_id).toBe(records[0].external_id);
  });

  it('keeps the columns it cannot place as Header: value lines', async () => {
    const records = await parseUpload('faq.csv', fixture('faq.csv'));
    expect(records.map(r => [r.title, r.content])).toEqual([
      ['How fast do we reply?', 'Within one business day.\n\nOwner: Support'],
      ['What is the refund window?', '30 days.\n\nOwner: Billing'],
    ]);
    const withId = await parseUpload(
      'ids.csv',
      Buffer.from('ID,Notes\nA-1,first\nA-2,second\n'),
    );
    expect(withId.map(r => r.external_id)).toEqual([
      'ids.csv#A-1',
      'ids.csv#A-2',
    ]);
  });

  it('reads the text of a PDF, titled by its metadata', async () => {
    const records = await parseUpload('playbook.pdf', fixture('playbook.pdf'));
    expect(records).toHaveLength(1);
    expect(records[0].external_id).toBe('playbook.pdf#');
    expect(records[0].title).toBe('Sales Playbook');
    expect(records[0].content).toContain('Qualifying leads');
    expect(records[0].content).toContain(
      'Ask about budget, authority, need and timing before the demo.',
    );
    expect(records[0].content).toContain('Closing: summarise the value');
  });

  it.each([
    [
      'report.docx',
      Buffer.from('x'),
      'Upload a .txt, .md, .pdf or .csv file; report.docx is none of them',
    ],
    ['empty.txt', Buffer.alloc(0), 'empty.txt is empty'],
    [
      'blank.md',
      Buffer.from('\n\n  \n'),
      /blank\.md \(5 bytes\) holds no text/,
    ],
    [
      'image.txt',
      Buffer.from([0x89, 0x50, 0x00, 0x01]),
      /looks like a binary file/,
    ],
    [
      'broken.pdf',
      fixture('broken.pdf'),
      'broken.pdf is not a readable PDF: it does not start like one (%PDF-)',
    ],
    [
      'cut.pdf',
      fixture('playbook.pdf').subarray(0, 400),
      /^cut\.pdf is not a readable PDF: /,
    ],
    [
      'bad.csv',
      Buffer.from('a,b\n"unterminated,1\n'),
      /^bad\.csv is not a readable CSV file: /,
    ],
  ])('refuses %s with a sentence', async (name, bytes, message) => {
    await expect(parseUpload(name, bytes)).rejects.toThrow(message);
  });

  it('decodes Windows-1252 text that is not UTF-8', async () => {
    const records = await parseUpload(
      'latin.txt',
      Buffer.from([0x63, 0x61, 0x66, 0xe9]),
    );
    expect(records[0].content).toBe('café');
  });
});
