import { defineConfig } from 'athanor'

// A config inside its migrations folder: relative SQLite paths are relative
// to the folder above it (examples/quickstart), wherever the command runs.
export default defineConfig({
  url: 'sqlite:///app.db',
  versionTable: 'athanor_version',
  transactionMode: 'per-migration',
})
