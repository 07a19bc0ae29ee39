import { defineConfig } from 'athanor'
import { databaseUrls } from '../src/settings.js'

// The application's three databases, from its own settings; the first is
// the default one, where tables without a `bind` live. DATABASE_URL and
// DATABASE_URL_<NAME> move a database for the application and athanor alike.
const urls = databaseUrls()

export default defineConfig({
  databases: {
    default: { url: urls.default },
    db1: { url: urls.db1 },
    db2: { url: urls.db2 },
  },
  // Every table of the application, each with its bind key.
  models: '../src/models/index.ts',
  versionTable: 'athanor_version',
  transactionMode: 'per-migration',
})
