import assert from 'node:assert/strict'
import { mysqlCatalog } from './mysql-catalog.js'
import { roundTrip } from './round-trip.js'

const TABLES = ['bytes', 'exact_names', 'legacy_log', 'measures', 'moments', 'order_lines', 'sizes', 'texts', 'line_notes']

/** Columns to copy where not all: a generated column takes no value. */
const WRITABLE: Readonly<Record<string, string>> = { order_lines: 'id, price, quantity, note' }

roundTrip('mysql', 'mysql.sql', mysqlCatalog, async (source, rebuilt, models) => {
  // Every row fits the rebuilt types unchanged: copied across, the two databases hold the same values.
  for (const table of TABLES) {
    const columns = WRITABLE[table]
    const list = columns === undefined ? '' : ` (${columns})`
    await rebuilt.query(`INSERT INTO \`${table}\`${list} SELECT ${columns ?? '*'} FROM \`${source.name}\`.\`${table}\``)
  }
  for (const table of TABLES) {
    const [a] = await source.query(`CHECKSUM TABLE \`${source.name}\`.\`${table}\``)
    const [b] = await rebuilt.query(`CHECKSUM TABLE \`${rebuilt.name}\`.\`${table}\``)
    assert.equal(b?.['Checksum'], a?.['Checksum'], table)
  }
  assert.match(models, /id: col\.tinyint\(\)\.unsigned\(\)\.primaryKey\(\)\.autoincrement\(\)/)
  assert.match(models, /updated_at: col\.timestamp\(\{ precision: 3, onUpdateNow: true, mysql: \{ timestamp: true \} \}\)/)
  assert.match(models, /total: col\.numeric\(12, 2\)\.generated\('`price` \* `quantity`', \{ stored: true \}\)/)
  assert.match(
    models,
    /foreignKey\(\['line_id'\], 'order_lines', \['id'\], \{ name: 'fk_line_notes_line', onDelete: 'NO ACTION', onUpdate: 'CASCADE' \}\)/,
  )
  assert.match(models, /mysql: \{ engine: 'MyISAM', charset: 'latin1', collate: 'latin1_swedish_ci' \}/)
  assert.match(models, /padded: col\.integer\(\)\.zerofill\(5\)/)
  assert.match(models, /tags: col\.set\(\['Red', 'green', 'BLUE'\]\)/)
  assert.match(models, /index\(\['body'\], \{ name: 'ix_texts_body', prefixLengths: \{ body: 50 \} \}\)/)
  assert.match(
    models,
    /index\(\['name', 'article'\], \{ name: 'ux_texts_name_article', unique: true, prefixLengths: \{ name: 20, article: 100 \} \}\)/,
  )
  assert.match(models, /index\(\['title', 'body'\], \{ name: 'ft_articles_text', fulltext: true \}\)/)
  assert.match(models, /index\(\['place'\], \{ name: 'sx_articles_place', spatial: true \}\)/)
  assert.match(
    models,
    /index\(\['title', 'published'\], \{ name: 'ux_articles_title_published', unique: true, order: \{ published: 'desc' \} \}\)/,
  )
})
