import { defineConfig } from 'athanor'

// Relative SQLite paths are relative to the working directory, as in
// SQLAlchemy: run the commands from examples/quickstart.
export default defineConfig({
  url: 'sqlite:///app.db',
  versionTable: 'athanor_version',
  transactionMode: 'per-migration',
})
