// Builds the test database templates once for a run (see templates.ts):
//   node --import tsx src/testing/prepare.ts pglite <dir>
//   node --import tsx src/testing/prepare.ts postgres <url> <prefix>
//   node --import tsx src/testing/prepare.ts drop <url> <prefix>
import { createPgTemplates, dropPgTemplates, writePgliteTemplates } from './templates.ts'

const [mode, a, b] = process.argv.slice(2)
if (mode === 'pglite') await writePgliteTemplates(a)
else if (mode === 'postgres') await createPgTemplates(a, b)
else if (mode === 'drop') await dropPgTemplates(a, b)
else throw new Error(`unknown mode ${mode}`)
