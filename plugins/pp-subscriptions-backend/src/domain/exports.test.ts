import type { ExportRow } from '../database/ExportStore';
import {
  assertDownloadable,
  exportFileName,
  exportFilters,
  exportView,
  fileNamePart,
  mayAccessExport,
  runDuration,
  shorten,
} from './exports';

const NOW = new Date('2026-12-03T12:00:00Z');
const row = (over: Partial<ExportRow> = {}): ExportRow => ({
  id: 'e1',
  subscription_id: 'sub 1',
  format: 'csv',
  filters: {},
  reason: 'Invoice dispute',
  status: 'running',
  rows_total: 4000,
  rows_written: 1000,
  size_bytes: null,
  storage_key: null,
  file_name: null,
  error: null,
  requested_by: 'user:pp/sam',
  requested_by_name: 'Sam',
  attempts: 1,
  created_at: new Date('2026-12-03T11:00:00Z'),
  started_at: null,
  finished_at: null,
  expires_at: null,
  lease_owner: 'w1',
  lease_until: null,
  ...over,
});

describe('run export rules', () => {
  it.each([
    ['Acme Café GmbH', 'acme-cafe-gmbh'],
    ['  ÆON / Ünïcode & Co.  ', 'aeon-unicode-co'],
    ['Straße Øst', 'strasse-ost'],
    ['株式会社', 'customer'],
    ['x'.repeat(80), 'x'.repeat(60)],
  ])('file name part of %j', (name, expected) => {
    expect(fileNamePart(name, 'customer')).toBe(expected);
  });

  it('normalizes the run filters and refuses an empty window', () => {
    expect(
      exportFilters({
        status: ['failed', 'failed', 'running'],
        from: '2026-12-01T02:00:00+02:00',
        to: '2026-12-02T00:00:00Z',
      }),
    ).toEqual({
      status: ['failed', 'running'],
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-02T00:00:00.000Z',
    });
    expect(exportFilters({ status: [] })).toEqual({});
    expect(() =>
      exportFilters({
        from: '2026-12-02T00:00:00Z',
        to: '2026-12-02T01:00:00+01:00',
      }),
    ).toThrow(/from \(2026-12-02T00:00:00.000Z\) must be before to/);
  });

  it('names files after the customer and the day', () => {
    expect(exportFileName('Acme Café GmbH', 'pdf', NOW)).toBe(
      'subscription-acme-cafe-gmbh-runs-2026-12-03.pdf',
    );
  });

  it.each([
    [
      'requester',
      { ref: 'user:pp/sam', roles: ['subscription_manager'] },
      true,
    ],
    ['admin', { ref: 'user:pp/ann', roles: ['admin'] }, true],
    [
      'other manager',
      { ref: 'user:pp/sue', roles: ['subscription_manager'] },
      false,
    ],
  ])('%s may access: %s', (_who, principal, expected) => {
    expect(mayAccessExport(row(), principal)).toBe(expected);
  });

  it.each([
    [row(), 'running', 0.25, null],
    [row({ rows_total: null, status: 'queued' }), 'queued', 0, null],
    [row({ rows_total: 0, rows_written: 0 }), 'running', 0, null],
    [
      row({
        status: 'succeeded',
        expires_at: new Date('2026-12-04T00:00:00Z'),
      }),
      'succeeded',
      1,
      '/pp/v1/subscriptions/sub%201/exports/e1/download',
    ],
    [row({ status: 'succeeded', expires_at: NOW }), 'expired', 1, null],
    [row({ status: 'failed', error: 'CP is down' }), 'failed', 0.25, null],
  ] as const)('view %#: %s, progress %s', (r, status, progress, url) => {
    const view = exportView(r, NOW);
    expect(view).toMatchObject({ status, progress, download_url: url });
  });

  it.each([
    [row({ status: 'queued' }), 409, /not ready yet \(queued, 25% done\)/],
    [row({ status: 'failed', error: 'CP is down' }), 409, /failed.*CP is down/],
    [row({ status: 'expired' }), 410, /expired/],
    [row({ status: 'succeeded', expires_at: NOW }), 410, /expired/],
  ] as const)('refuses a download %#', (r, status, message) => {
    let error: any;
    try {
      assertDownloadable(r, NOW);
    } catch (e) {
      error = e;
    }
    expect(error?.message).toMatch(message);
    expect(error.statusCode ?? (error.name === 'ConflictError' ? 409 : 0)).toBe(
      status,
    );
  });

  it('lets a kept succeeded export be downloaded', () => {
    expect(() =>
      assertDownloadable(
        row({
          status: 'succeeded',
          expires_at: new Date('2026-12-04T00:00:00Z'),
        }),
        NOW,
      ),
    ).not.toThrow();
  });

  it.each([
    [null, 10, ''],
    ['short', 10, 'short'],
    [{ a: 'b\n c' }, 100, '{"a":"b\\n c"}'],
    ['one\ntwo   three', 100, 'one two three'],
    ['abcdefghijkl', 5, 'abcd…'],
  ])('shortens %j to %d', (value, max, expected) => {
    expect(shorten(value, max)).toBe(expected);
  });

  it.each([
    [null, null, ''],
    ['2026-12-03T10:00:00.000Z', null, ''],
    ['2026-12-03T10:00:00.000Z', '2026-12-03T10:00:00.850Z', '850 ms'],
    ['2026-12-03T10:00:00.000Z', '2026-12-03T10:00:12.540Z', '12.5 s'],
    ['2026-12-03T10:00:00.000Z', '2026-12-03T10:03:20.000Z', '3 min 20 s'],
    ['2026-12-03T10:00:00.000Z', '2026-12-03T10:05:00.000Z', '5 min'],
    ['2026-12-03T10:00:01.000Z', '2026-12-03T10:00:00.000Z', ''],
  ])('duration %s → %s = %j', (a, b, expected) => {
    expect(runDuration(a, b)).toBe(expected);
  });
});
