import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { openProject } from '../../src/config/project.js'
import { tableFilter } from '../../src/runtime/compare-models.js'
import { temporaryProjects } from '../helpers/project.js'

const project = temporaryProjects()

describe('excludeTables and versionTable per database', () => {
  test("a database's own excludeTables add to the config's; its versionTable is its own", async () => {
    const made = project()
    made.config(
      'export default {\n' +
        "  excludeTables: ['legacy_*'],\n" +
        '  databases: {\n' +
        "    main: { url: 'sqlite:///main.db' },\n" +
        "    audit: { url: 'sqlite:///audit.db', excludeTables: ['raw_events'], versionTable: 'audit_version' },\n" +
        '  },\n' +
        '}\n',
    )
    const opened = await openProject({ directory: made.migrations })
    const main = tableFilter(opened.forDatabase('main'))
    const audit = tableFilter(opened.forDatabase('audit'))
    assert.equal(main({ name: 'legacy_users' }), false)
    assert.equal(main({ name: 'raw_events' }), true)
    assert.equal(audit({ name: 'legacy_users' }), false)
    assert.equal(audit({ name: 'raw_events' }), false)
    assert.equal(audit({ name: 'audit_version' }), false, "the database's own version table is never touched")
    assert.equal(audit({ name: 'athanor_version' }), true)
    assert.equal(opened.forDatabase('audit').versionTable, 'audit_version')
    assert.equal(opened.forDatabase('main').versionTable, 'athanor_version')
  })
})
