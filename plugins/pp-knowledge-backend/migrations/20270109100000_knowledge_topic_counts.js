/*
 * pp_knowledge_keyword_counts: per industry and keyword, in how many of the industry's CURRENT
 * chunks the keyword is (document frequency). The store keeps it in the transaction that adds
 * or ends chunks, so a version's topics are read from the keywords frequent enough to be topics
 * instead of every current chunk's keyword list (an ingestion no longer reads the whole industry).
 * Filled here from the chunks stored so far.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('pp_knowledge_keyword_counts', table => {
    table.string('industry', 32).notNullable();
    table.string('keyword', 255).notNullable();
    table.integer('chunks').notNullable();
    table.primary(['industry', 'keyword']);
    table.index(['industry', 'chunks']);
  });
  const counts = new Map();
  let last = '';
  for (;;) {
    const rows = await knex('pp_knowledge_chunks')
      .whereNull('version_to')
      .andWhere('id', '>', last)
      .orderBy('id')
      .limit(5000)
      .select('id', 'industry', 'keywords');
    if (!rows.length) break;
    for (const r of rows) {
      const list =
        typeof r.keywords === 'string' ? JSON.parse(r.keywords) : r.keywords;
      for (const k of new Set(Array.isArray(list) ? list : [])) {
        if (typeof k !== 'string' || k.length > 255) continue;
        const key = `${r.industry}\u0000${k}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    last = rows[rows.length - 1].id;
  }
  const all = [...counts].map(([key, chunks]) => {
    const [industry, keyword] = key.split('\u0000');
    return { industry, keyword, chunks };
  });
  if (all.length) {
    await knex.batchInsert('pp_knowledge_keyword_counts', all, 500);
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTableIfExists('pp_knowledge_keyword_counts');
};
