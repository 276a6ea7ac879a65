/*
 * DEMO / DEV ONLY. The embedded default's knowledge: per industry one upload source (labelled
 * `demo: true`) with a small bundled Markdown corpus, uploaded twice so that the industry has two
 * versions and the diff shows additions, modifications and removals. No api or rss source is made
 * (a demo source must not point at an address that does not exist). Only when `pp.demo.enabled`
 * is on (and `pp.knowledge.demo.enabled` is not off); refused in production.
 */
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { PpKnowledgeIndustry } from '@internal/plugin-pp-common';
import type { KnowledgeStore } from '../database/KnowledgeStore';
import type { KnowledgeCommands } from '../service/KnowledgeCommands';

export function knowledgeDemoEnabled(
  config: Config,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const on = Boolean(
    config.getOptionalBoolean('pp.demo.enabled') &&
      config.getOptionalBoolean('pp.knowledge.demo.enabled') !== false,
  );
  if (on && env.NODE_ENV === 'production') {
    throw new Error(
      'The knowledge demo sources (pp.demo.enabled, pp.knowledge.demo.enabled) are on, but NODE_ENV is production: turn pp.demo.enabled off',
    );
  }
  return on;
}

const section = (title: string, body: string) => `# ${title}\n\n${body}\n`;

/** DEMO: per industry, the playbook's first and second edition (Markdown, split by headings). */
export const DEMO_KNOWLEDGE: Record<
  PpKnowledgeIndustry,
  { name: string; file: string; first: string[]; second: string[] }
> = {
  marketing: {
    name: 'Demo: campaign playbook',
    file: 'campaign-playbook.md',
    first: [
      section(
        'Search ads',
        'Responsive search ads combine up to fifteen headlines and four descriptions; the platform tests combinations and favours those with the best click-through rate. Pin a headline only when a legal line must always show.',
      ),
      section(
        'Social video',
        'Short vertical video under thirty seconds keeps attention on mobile feeds. Put the brand and the offer in the first three seconds and add captions: most feeds play without sound.',
      ),
      section(
        'Email nurture',
        'A welcome series of three emails over a week converts better than one long email. Segment by the first action a subscriber took and send the next step, not the whole catalogue.',
      ),
    ],
    second: [
      section(
        'Search ads',
        'Responsive search ads combine up to fifteen headlines and four descriptions. Broad match with smart bidding now finds most of the volume; keep exact match for brand terms and watch search term reports weekly.',
      ),
      section(
        'Social video',
        'Short vertical video under thirty seconds keeps attention on mobile feeds. Put the brand and the offer in the first three seconds and add captions: most feeds play without sound.',
      ),
      section(
        'Retail media',
        'Retail media networks sell ads on the retailer’s own pages with its first-party purchase data. Measure incremental sales with holdout groups, not last-click attribution.',
      ),
    ],
  },
  education: {
    name: 'Demo: JEE study notes',
    file: 'jee-study-notes.md',
    first: [
      section(
        'Quadratic equations',
        'The discriminant b² − 4ac decides the roots: positive gives two real roots, zero one repeated root, negative two complex conjugate roots. Sum of roots is −b/a and product c/a.',
      ),
      section(
        'Kinematics',
        'For uniform acceleration v = u + at, s = ut + ½at² and v² = u² + 2as. Resolve projectile motion into horizontal (no acceleration) and vertical (g downwards) parts.',
      ),
      section(
        'Chemical bonding',
        'VSEPR theory predicts shapes from electron pairs around the central atom: four pairs give a tetrahedral arrangement, lone pairs compress bond angles as in water (104.5°).',
      ),
    ],
    second: [
      section(
        'Quadratic equations',
        'The discriminant b² − 4ac decides the roots: positive gives two real roots, zero one repeated root, negative two complex conjugate roots. Sum of roots is −b/a and product c/a.',
      ),
      section(
        'Kinematics',
        'For uniform acceleration v = u + at, s = ut + ½at² and v² = u² + 2as. Relative velocity problems: subtract velocities as vectors; the river-crossing shortest time heads straight across.',
      ),
      section(
        'Electrostatics',
        'Coulomb’s law F = kq₁q₂/r²; the field of a point charge falls as 1/r². Gauss’s law gives the field of symmetric charge distributions from the enclosed charge.',
      ),
    ],
  },
  sales: {
    name: 'Demo: sales playbook',
    file: 'sales-playbook.md',
    first: [
      section(
        'Discovery calls',
        'Open with the customer’s situation, not the product. Ask about the problem’s cost, who else is affected and what happens if nothing changes; write down the exact words they use.',
      ),
      section(
        'Objection handling',
        'Acknowledge the objection, ask a question to understand it, then answer the real concern. A price objection is often a value question: restate the outcome in the customer’s numbers.',
      ),
      section(
        'Forecasting',
        'Commit only deals with a confirmed decision process and a date the buyer agreed. Review the pipeline weekly by stage age: a deal twice the median age in a stage is at risk.',
      ),
    ],
    second: [
      section(
        'Discovery calls',
        'Open with the customer’s situation, not the product. Ask about the problem’s cost, who else is affected and what happens if nothing changes; write down the exact words they use.',
      ),
      section(
        'Objection handling',
        'Acknowledge the objection, ask a question to understand it, then answer the real concern. For procurement pushback, offer term length or payment schedule before touching the list price.',
      ),
      section(
        'Account expansion',
        'Map the customer’s other teams with the same problem and ask the champion for one introduction a quarter. Expansion deals close faster when a success story from their own company leads.',
      ),
    ],
  },
};

/** DEMO: the demo sources and their two uploads, once (an industry that has its demo source is left alone). */
export async function seedDemoKnowledge(opts: {
  store: KnowledgeStore;
  commands: KnowledgeCommands;
  logger: LoggerService;
}) {
  let created = 0;
  for (const [industry, demo] of Object.entries(DEMO_KNOWLEDGE) as Array<
    [PpKnowledgeIndustry, (typeof DEMO_KNOWLEDGE)[PpKnowledgeIndustry]]
  >) {
    const existing = await opts.store.listSources({
      industry,
      type: 'upload',
      limit: 200,
      offset: 0,
    });
    if (existing.items.some(s => s.demo && s.name === demo.name)) continue;
    const { source } = await opts.commands.createSource(
      {
        industry,
        name: demo.name,
        type: 'upload',
        frequency: 'daily',
        time: '02:00',
        time_zone: 'Asia/Kolkata',
      },
      { id: 'pp-demo-seed', name: 'Demo data' },
      { demo: true },
    );
    for (const edition of [demo.first, demo.second]) {
      const run = await opts.commands.upload(source.id, {
        file_name: demo.file,
        content_base64: Buffer.from(edition.join('\n')).toString('base64'),
      });
      if (run.status !== 'succeeded') {
        throw new Error(`the demo upload of ${industry} failed: ${run.error}`);
      }
    }
    created++;
  }
  if (created) {
    opts.logger.info(
      `DEMO: ${created} demo knowledge sources seeded (two versions each)`,
    );
  }
}
