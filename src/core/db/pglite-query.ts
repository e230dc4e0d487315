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

function message(query: string, params: unknown[], options?: QueryOptions): Uint8Array {
  const parts = [
    protocol.serialize.parse({ text: query, types: options?.paramTypes }),
    protocol.serialize.bind({ values: params.map(prepare) as (string | null)[] }),
    DESCRIBE_PORTAL,
    EXECUTE,
    SYNC,
  ]
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
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
  if (error) throw error
  if (out.length === 0) out.push({ affectedRows: 0, rows: [], fields: [] } as Results<T>)
  return out
}

/** The error PGlite's own `query` throws: the database error, with the query and its values. */
function withQuery(e: unknown, query: string, params: unknown[], options?: QueryOptions) {
  if (e instanceof DatabaseError) Object.assign(e, { query, params, queryOptions: options })
  return e
}

async function run<T>(
  client: Client,
  query: string,
  params: unknown[],
  options: QueryOptions | undefined,
  inTransaction: boolean,
): Promise<Results<T>> {
  return client._runExclusiveQuery(async () => {
    const chunks: Buffer[] = []
    await client.execProtocolRawStream(message(query, params, options), {
      syncToFs: false,
      // a view into the engine's memory, valid only during the call
      onRawData: (bytes) => chunks.push(Buffer.from(bytes)),
    })
    if (!inTransaction) await client.syncToFs()
    try {
      return results<T>(Buffer.concat(chunks), client.parsers, options)[0]
    } catch (e) {
      throw withQuery(e, query, params, options)
    }
  })
}

export function installOneCallQuery(pglite: PGlite): PGlite {
  const client = pglite as Client
  const own = client.query.bind(client) as QueryFn
  const fast: QueryFn = async (query, params = [], options) => {
    if (options?.blob) return own(query, params, options)
    await client._checkReady()
    return client._runExclusiveTransaction(() => run(client, query, params, options, false))
  }
  client.query = fast as PGlite['query']
  const transaction = client.transaction.bind(client)
  client.transaction = ((callback: Parameters<PGlite['transaction']>[0]) =>
    transaction((tx) => {
      const ownTx = tx.query.bind(tx) as QueryFn
      tx.query = (async (query: string, params: unknown[] = [], options?: QueryOptions) => {
        if (tx.closed) throw new Error('Transaction is closed')
        if (options?.blob) return ownTx(query, params, options)
        return run(client, query, params, options, true)
      }) as typeof tx.query
      return callback(tx)
    })) as PGlite['transaction']
  return pglite
}
