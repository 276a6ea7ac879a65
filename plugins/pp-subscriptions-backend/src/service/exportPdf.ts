import PDFDocument from 'pdfkit';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type {
  PpSubscriptionDetail,
  PpSubscriptionScore,
} from '@internal/plugin-pp-common';
import type {
  CpAgentRun,
  CpRunExportFilter,
} from '../database/CustomerPortalStore';
import { runDuration, shorten } from '../domain/exports';

/** What the report says besides the runs. */
export interface RunsReport {
  subscription: PpSubscriptionDetail;
  filters: CpRunExportFilter;
  reason: string;
  requestedByName: string | null;
  generatedAt: Date;
  /** Runs matching the filters, and the most the report lists. */
  rowsTotal: number;
  maxRuns: number;
}

const MARGIN = 48;
const GREY = '#666666';
const BAND_COLORS = { green: '#2e7d32', amber: '#ef6c00', red: '#c62828' };

/** The standard PDF fonts speak WinAnsi: typographic marks become ASCII, the rest `?`. */
function pdfText(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

const percent = (v: number) => `${Math.round(v * 1000) / 10} %`;
const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '-');
const time = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

function filterSentence(f: CpRunExportFilter): string {
  const parts: string[] = [];
  if (f.status?.length) parts.push(`status ${f.status.join(' or ')}`);
  if (f.from) parts.push(`created from ${time(f.from)} UTC`);
  if (f.to) parts.push(`created before ${time(f.to)} UTC`);
  return parts.length ? `Runs with ${parts.join(', ')}.` : 'All runs.';
}

/** The score history as a line chart (0–100, band thresholds at 60 and 80). */
function scoreChart(
  doc: PDFKit.PDFDocument,
  history: PpSubscriptionScore[],
  box: { x: number; y: number; width: number; height: number },
) {
  const { x, y, width, height } = box;
  const yOf = (score: number) => y + height - (score / 100) * height;
  doc.save();
  doc.lineWidth(0.5).strokeColor('#999999').rect(x, y, width, height).stroke();
  for (const [threshold, color] of [
    [80, BAND_COLORS.green],
    [60, BAND_COLORS.amber],
  ] as const) {
    doc
      .strokeColor(color)
      .dash(3, { space: 3 })
      .moveTo(x, yOf(threshold))
      .lineTo(x + width, yOf(threshold))
      .stroke()
      .undash();
  }
  doc.fillColor(GREY).fontSize(7);
  for (const s of [0, 60, 80, 100]) {
    doc.text(String(s), x - 18, yOf(s) - 3, { width: 14, align: 'right' });
  }
  if (!history.length) {
    doc
      .fontSize(9)
      .text(
        'No scores yet: the score job has not scored this subscription.',
        x,
        y + height / 2 - 5,
        {
          width,
          align: 'center',
        },
      );
    doc.restore();
    return;
  }
  const first = Date.parse(`${history[0].day}T00:00:00Z`);
  const last = Date.parse(`${history[history.length - 1].day}T00:00:00Z`);
  const span = Math.max(1, last - first);
  const xOf = (d: string) =>
    history.length === 1
      ? x + width / 2
      : x + ((Date.parse(`${d}T00:00:00Z`) - first) / span) * width;
  doc.lineWidth(1.2).strokeColor('#1565c0');
  history.forEach((h, i) => {
    const px = xOf(h.day);
    const py = yOf(Math.max(0, Math.min(100, h.score)));
    if (i === 0) doc.moveTo(px, py);
    else doc.lineTo(px, py);
  });
  doc.stroke();
  for (const h of history) {
    doc
      .fillColor(BAND_COLORS[h.band] ?? '#1565c0')
      .circle(xOf(h.day), yOf(Math.max(0, Math.min(100, h.score))), 1.6)
      .fill();
  }
  doc.fillColor(GREY).fontSize(7);
  doc.text(history[0].day, x, y + height + 3, { width: 80 });
  doc.text(history[history.length - 1].day, x + width - 80, y + height + 3, {
    width: 80,
    align: 'right',
  });
  doc.restore();
}

const COLUMNS = [
  { title: 'Created (UTC)', width: 82 },
  { title: 'Status', width: 48 },
  { title: 'Duration', width: 50 },
  { title: 'Error message', width: 110 },
  { title: 'Inputs', width: 104 },
  { title: 'Outputs', width: 105 },
];
const ROW_HEIGHT = 12;

function tableHeader(doc: PDFKit.PDFDocument) {
  let x = MARGIN;
  const y = doc.y;
  doc.font('Helvetica-Bold').fontSize(7.5).fillColor('black');
  for (const c of COLUMNS) {
    doc.text(c.title, x, y, { width: c.width - 4, lineBreak: false });
    x += c.width;
  }
  doc
    .lineWidth(0.5)
    .strokeColor('#999999')
    .moveTo(MARGIN, y + ROW_HEIGHT - 2)
    .lineTo(x, y + ROW_HEIGHT - 2)
    .stroke();
  doc.font('Helvetica');
  doc.y = y + ROW_HEIGHT;
}

function tableRow(doc: PDFKit.PDFDocument, run: CpAgentRun) {
  if (doc.y + ROW_HEIGHT > doc.page.height - MARGIN) {
    doc.addPage();
    tableHeader(doc);
  }
  const cells = [
    time(run.created_at),
    run.status,
    runDuration(run.started_at, run.finished_at),
    shorten(run.error_message, 32),
    shorten(run.inputs, 30),
    shorten(run.outputs, 30),
  ];
  const y = doc.y;
  let x = MARGIN;
  doc.fontSize(7).fillColor(run.status === 'failed' ? '#b71c1c' : 'black');
  cells.forEach((text, i) => {
    doc.text(pdfText(text), x, y, {
      width: COLUMNS[i].width - 4,
      height: ROW_HEIGHT,
      lineBreak: false,
      ellipsis: true,
    });
    x += COLUMNS[i].width;
  });
  doc.y = y + ROW_HEIGHT;
}

/**
 * Writes the runs report (title, subscription summary, score history chart, runs table) as a
 * PDF into `out`. At most `report.maxRuns` runs are listed; the report says so when there are
 * more. `onBatch` is told the rows written so far after each batch; it may throw to stop.
 */
export async function writeRunsPdf(
  report: RunsReport,
  batches: AsyncIterable<CpAgentRun[]>,
  out: Writable,
  onBatch: (rowsWritten: number) => Promise<void>,
): Promise<number> {
  const sub = report.subscription;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: {
      Title: pdfText(`Agent runs of ${sub.customer_name}`),
      Author: 'Platform Portal',
    },
  });
  doc.pipe(out);
  const done = finished(out);
  let written = 0;
  try {
    const width = doc.page.width - 2 * MARGIN;
    doc
      .font('Helvetica-Bold')
      .fontSize(18)
      .text(pdfText(`Agent runs of ${sub.customer_name}`));
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(GREY)
      .text(
        pdfText(
          `Generated ${time(report.generatedAt.toISOString())} UTC for ${
            report.requestedByName ?? 'a Platform Portal user'
          }. Reason: ${report.reason}`,
        ),
      )
      .text(pdfText(filterSentence(report.filters)))
      .moveDown();

    doc
      .fillColor('black')
      .font('Helvetica-Bold')
      .fontSize(12)
      .text('Subscription');
    doc.font('Helvetica').fontSize(9.5);
    const score = sub.score;
    const lines = [
      `Customer: ${sub.customer_name}`,
      `Agent: ${sub.agent_name ?? sub.agent_id}${
        sub.industry ? ` (${sub.industry})` : ''
      }`,
      `Plan: ${sub.plan ?? '-'}    Status: ${sub.status}    Started: ${day(
        sub.started_at,
      )}${sub.canceled_at ? `    Canceled: ${day(sub.canceled_at)}` : ''}`,
      score
        ? `Health score: ${score.score} (${score.band}) on ${
            score.day
          }: success rate ${percent(score.success_rate)}, error rate ${percent(
            score.error_rate,
          )}, activity ${percent(score.activity_score)} of ${
            score.expected_runs_per_day
          } expected runs a day (${score.runs_total} runs in 30 days)`
        : 'Health score: not scored yet',
    ];
    for (const line of lines) doc.text(pdfText(line), { width });
    doc.moveDown();

    doc.font('Helvetica-Bold').fontSize(12).text('Score, last 90 days');
    const chartTop = doc.y + 6;
    scoreChart(doc, sub.score_history, {
      x: MARGIN + 20,
      y: chartTop,
      width: width - 20,
      height: 120,
    });
    doc.x = MARGIN;
    doc.y = chartTop + 140;

    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .fillColor('black')
      .text('Runs', MARGIN);
    const listed = Math.min(report.rowsTotal, report.maxRuns);
    doc
      .font('Helvetica')
      .fontSize(9)
      .fillColor(GREY)
      .text(
        report.rowsTotal > report.maxRuns
          ? `The first ${listed} of ${report.rowsTotal} runs, oldest first; export CSV for all.`
          : `All ${report.rowsTotal} runs, oldest first.`,
      )
      .moveDown(0.5);
    tableHeader(doc);
    for await (const batch of batches) {
      for (const run of batch.slice(0, report.maxRuns - written)) {
        tableRow(doc, run);
        written += 1;
      }
      await onBatch(written);
      if (written >= report.maxRuns) break; // the cap: the CSV has the rest
    }
    if (!written) {
      doc
        .fontSize(9)
        .fillColor(GREY)
        .text('No runs match the filters.', MARGIN);
    }
  } finally {
    doc.end();
  }
  await done;
  return written;
}
