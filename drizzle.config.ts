import { defineConfig } from 'drizzle-kit'

// drizzle-kit only generates SQL from the schema; it never connects to a database. The core's
// tables and every feature room's schema.ts are found by these patterns, so a new room needs no
// edit here.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/core/db/schema.ts', './src/features/*/schema.ts'],
  out: './drizzle',
})
