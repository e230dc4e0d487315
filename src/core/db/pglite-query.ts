import { type PGlite, protocol, type QueryOptions, type Results } from '@electric-sql/pglite'
import pgUtils from 'pg/lib/utils.js'
import {
  type BackendMessage,
  type CommandCompleteMessage,
  type DataRowMessage,
  DatabaseError,
  type RowDescriptionMessage,
} from 'pg-protocol/dist/messages.js'
import { Parser as ProtocolParser } from 'pg-protocol/dist/parser.js'

/**
 * PGlite's `query` speaks the extended protocol in six calls into the engine (parse, describe
 * the statement to learn the parameter types, bind, describe the portal, execute, sync), and
 * each call costs a pass through the wasm main loop and a parse of its answers in JS: about
 * 0.7 ms of a `select 1` that otherwise takes 0.2 ms. This sends the same messages in one call
 * (parse without types, bind, describe, execute, sync), as node-postgres does over a socket.
 *
 * Without the statement's description the parameters go as text, prepared exactly as
 * node-postgres prepares them (`pg`'s prepareValue: dates with their offset, arrays as array
 * literals, objects as JSON, byte arrays in binary). The server infers each parameter's type
 * from the statement, as it does for every query on the PostgreSQL driver, so the two drivers
 * now send the same text for the same value.
 *
 * `install` replaces `query` on the client and on each transaction it opens; everything else
 * (exec, listen, COPY with a blob) stays PGlite's own.
 */
type Client = PGlite & {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>
  _checkReady(): Promise<void>
}
type QueryFn = <T>(query: string, params?: unknown[], options?: QueryOptions) => Promise<Results<T>>

const prepare = (v: unknown): string | Uint8Array | null => {
  if (v === null || v === undefined) return null
  if (v instanceof Uint8Array) return v
  return pgUtils.prepareValue(v) as string | Uint8Array | null
}

const SYNC = protocol.serialize.sync()
const DESCRIBE_PORTAL = protocol.serialize.describe({ type: 'P' })
const EXECUTE = protocol.serialize.execute({})

/**
 * Statements the client has prepared, by text: a statement met again is bound by name, so the
 * engine skips parsing, analysing and (once PostgreSQL settles on a generic plan) planning it.
 * Only plain data statements are kept (the application's SQL comes from drizzle with `$n`
 * parameters, so a few hundred texts cover it); the least recently used ones are closed when
 * the cache is full, and all of them after a schema change (DDL through `query` or `exec`).
 * Prepared statements outlive a rolled-back transaction, so the cache never has to follow one.
 */
export class StatementCache {
  readonly names = new Map<string, string>()
  /** statements to close, sent ahead of the next query */
  readonly closing: string[] = []
  private next = 0
  constructor(readonly size = 400) {}

  key(query: string, options?: QueryOptions): string | undefined {
    if (!CACHEABLE.test(query)) return undefined
    return options?.paramTypes?.length ? `${options.paramTypes.join(',')}\0${query}` : query
  }
  /** the name a statement is bound by (moved to most recently used), or undefined */
  hit(key: string): string | undefined {
    const name = this.names.get(key)
    if (name !== undefined) {
      this.names.delete(key)
      this.names.set(key, name)
    }
    return name
  }
  add(key: string): string {
    const name = `k${++this.next}`
    this.names.set(key, name)
    while (this.names.size > this.size) {
      const [oldest, oldName] = this.names.entries().next().value as [string, string]
      this.names.delete(oldest)
      this.closing.push(oldName)
    }
    return name
  }
  forget(key: string): void {
    const name = this.names.get(key)
    if (name === undefined) return
    this.names.delete(key)
    this.closing.push(name)
  }
  clear(): void {
    for (const name of this.names.values()) this.closing.push(name)
    this.names.clear()
  }
}
const CACHEABLE = /^\s*(select|insert|update|delete|with)\b/i
const DDL = /^\s*(create|alter|drop|truncate|comment|grant|revoke|reindex|cluster|discard|deallocate)\b/im

interface Plan {
  bytes: Uint8Array
  /** the cache key when the statement is (or is being) prepared under a name */
  key?: string
  /** true when this message parses the named statement (a first meeting) */
  parses: boolean
}

function plan(cache: StatementCache, query: string, params: unknown[], options?: QueryOptions): Plan {
  const key = cache.key(query, options)
  let name = key === undefined ? undefined : cache.hit(key)
  const parses = name === undefined
  if (key !== undefined && name === undefined) name = cache.add(key)
  // statements let go (by this add, an error or a schema change) are closed first
  const parts: Uint8Array[] = cache.closing.map((n) => protocol.serialize.close({ type: 'S', name: n }))
  cache.closing.length = 0
  if (parses) parts.push(protocol.serialize.parse({ name, text: query, types: options?.paramTypes }))
  parts.push(
    protocol.serialize.bind({ statement: name, values: params.map(prepare) as (string | null)[] }),
    DESCRIBE_PORTAL,
    EXECUTE,
    SYNC,
  )
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    bytes.set(p, at)
    at += p.length
  }
  return { bytes, key, parses }
}

type Row = unknown[] | Record<string, unknown>
type Parser = (value: string, typeId: number) => unknown

/**
 * The answers, read with node-postgres's protocol parser (one Buffer, strings sliced from it)
 * rather than PGlite's (a copy and a decoder call per field: 1.7 ms of the 2.3 ms a 65-row
 * select takes), and turned into PGlite's `Results` as its own parseResults does, without
 * copying its 400 type parsers into a new object for every query.
 */
function results<T>(answer: Buffer, parsers: Record<number, Parser>, options?: QueryOptions) {
  const out: Results<T>[] = []
  let parsed = false
  let fields: { name: string; dataTypeID: number }[] = []
  let columnParsers: (Parser | undefined)[] = []
  let rows: Row[] = []
  let affectedRows = 0
  let error: unknown
  const own = options?.parsers as Record<number, Parser> | undefined
  const asArray = options?.rowMode === 'array'
  new ProtocolParser().parse(answer, (m: BackendMessage) => {
    if (error) return
    switch (m.name) {
      case 'parseComplete':
        parsed = true
        break
      case 'error':
        error = m
        break
      case 'notice':
        options?.onNotice?.(m as never)
        break
      case 'rowDescription':
        fields = (m as RowDescriptionMessage).fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID }))
        columnParsers = fields.map((f) => own?.[f.dataTypeID] ?? parsers[f.dataTypeID])
        break
      case 'dataRow': {
        const values = (m as DataRowMessage).fields.map((v, i) => {
          const parse = columnParsers[i]
          return v === null || !parse ? v : parse(v, fields[i].dataTypeID)
        })
        rows.push(asArray ? values : Object.fromEntries(fields.map((f, i) => [f.name, values[i]])))
        break
      }
      case 'commandComplete': {
        const words = (m as CommandCompleteMessage).text.split(' ')
        const command = words[0]
        const count = Number.parseInt(words[words.length - 1], 10)
        if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(command)) affectedRows += count
        const r = { rows, fields, command, affectedRows } as Results<T> & {
          command: string
          rowCount?: number
        }
        if (!Number.isNaN(count)) r.rowCount = count
        out.push(r as Results<T>)
        rows = []
        fields = []
        break
      }
    }
  })
  if (out.length === 0) out.push({ affectedRows: 0, rows: [], fields: [] } as Results<T>)
  return { out, error, parsed }
}

/** The error PGlite's own `query` throws: the database error, with the query and its values. */
function withQuery(e: unknown, query: string, params: unknown[], options?: QueryOptions) {
  if (e instanceof DatabaseError) Object.assign(e, { query, params, queryOptions: options })
  return e
}

/** PostgreSQL's answer when a prepared statement's result columns changed under it, or it is gone */
const STALE = new Set(['0A000', '26000'])

async function run<T>(
  client: Client,
  cache: StatementCache,
  query: string,
  params: unknown[],
  options: QueryOptions | undefined,
  inTransaction: boolean,
): Promise<Results<T>> {
  return client._runExclusiveQuery(async () => {
    for (let attempt = 0; ; attempt++) {
      const p = plan(cache, query, params, options)
      const chunks: Buffer[] = []
      await client.execProtocolRawStream(p.bytes, {
        syncToFs: false,
        // a view into the engine's memory, valid only during the call
        onRawData: (bytes) => chunks.push(Buffer.from(bytes)),
      })
      if (!inTransaction) await client.syncToFs()
      const { out, error, parsed } = results<T>(Buffer.concat(chunks), client.parsers, options)
      if (!error) {
        if (DDL.test(query)) cache.clear()
        return out[0]
      }
      if (p.key !== undefined) {
        // a statement that failed to parse was never prepared; a stale one is prepared afresh
        const stale = !p.parses && STALE.has((error as DatabaseError).code ?? '')
        if ((p.parses && !parsed) || stale) cache.forget(p.key)
        // outside a transaction nothing was done yet: the same query again, parsed anew
        if (stale && !inTransaction && attempt === 0) continue
      }
      throw withQuery(error, query, params, options)
    }
  })
}

/**
 * Replaces `query` (and `query` on each transaction) with the one-call query, and keeps the
 * client's statement cache in step with `exec` (a schema change closes every kept statement).
 */
export function installOneCallQuery(pglite: PGlite, cache = new StatementCache()): PGlite {
  const client = pglite as Client
  const own = client.query.bind(client) as QueryFn
  const fast: QueryFn = async (query, params = [], options) => {
    if (options?.blob) return own(query, params, options)
    await client._checkReady()
    return client._runExclusiveTransaction(() => run(client, cache, query, params, options, false))
  }
  client.query = fast as PGlite['query']
  const exec = client.exec.bind(client)
  const afterExec = (query: string) => {
    if (DDL.test(query)) cache.clear()
  }
  client.exec = (async (query: string, options?: QueryOptions) => {
    try {
      return await exec(query, options)
    } finally {
      afterExec(query)
    }
  }) as PGlite['exec']
  const transaction = client.transaction.bind(client)
  client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) =>
    transaction((tx) => {
      const ownTx = tx.query.bind(tx) as QueryFn
      tx.query = (async (query: string, params: unknown[] = [], options?: QueryOptions) => {
        if (tx.closed) throw new Error('Transaction is closed')
        if (options?.blob) return ownTx(query, params, options)
        return run(client, cache, query, params, options, true)
      }) as typeof tx.query
      const txExec = tx.exec.bind(tx)
      tx.exec = (async (query: string, options?: QueryOptions) => {
        try {
          return await txExec(query, options)
        } finally {
          afterExec(query)
        }
      }) as typeof tx.exec
      return callback(tx)
    })) as PGlite['transaction']
  return pglite
}
