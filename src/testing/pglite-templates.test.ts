import assert from 'node:assert/strict'
import { test } from 'node:test'
import { emptyPgliteCopy, rawPgliteCopy } from './pglite-templates.ts'

/**
 * Copies of a template are filled from its files read once per process (TemplateCopyFs): each
 * holds the whole migrated database, and owns its files, so what one copy writes no other copy
 * sees, however many pages it changes.
 */
test('each copy holds the migrated database, and what one writes no other sees', async () => {
  const a = await emptyPgliteCopy()
  const b = await emptyPgliteCopy()
  try {
    const tables = async (c: typeof a) =>
      (
        await c.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('municipalities', 'groups', 'audit_log')",
        )
      ).rows[0].n
    assert.equal(await tables(a), 3, 'the copy is migrated')
    // enough rows to change many pages of an existing table and of a new one
    await a.exec(
      `CREATE TABLE copy_probe AS SELECT g AS n, repeat('協働', 200) AS t FROM generate_series(1, 5000) g`,
    )
    await a.exec(
      `INSERT INTO municipalities (code, name, prefecture) SELECT lpad(g::text, 6, '0'), '市' || g, '東京都' FROM generate_series(1, 300) g`,
    )
    await a.exec('CHECKPOINT')
    assert.equal((await a.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_probe')).rows[0].n, 5000)
    const seen = await b.query<{ n: number }>(
      "SELECT (SELECT count(*) FROM municipalities)::int + (SELECT count(*) FROM pg_tables WHERE tablename = 'copy_probe')::int AS n",
    )
    assert.equal(seen.rows[0].n, 0, 'the other copy sees none of it')
    // a copy made after those writes starts from the template, not from the written copy
    const c = await emptyPgliteCopy()
    try {
      assert.equal(
        (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM municipalities')).rows[0].n,
        0,
      )
    } finally {
      await c.close()
    }
    // and a written copy can itself be dumped and copied (the demo template is made this way)
    const d = await rawPgliteCopy(await a.dumpDataDir('none'))
    try {
      assert.equal(
        (await d.query<{ n: number }>('SELECT count(*)::int AS n FROM municipalities')).rows[0].n,
        300,
      )
    } finally {
      await d.close()
    }
  } finally {
    await a.close()
    await b.close()
  }
})
