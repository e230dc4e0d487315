import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Config } from './config.ts'
import { AppError } from './errors.ts'

/**
 * Uploaded files. Kept in a folder under KYODO_DATA_DIR (uploads/<tenant>/<yyyy>/<random>)
 * by default. Keys are opaque; files are served only through routes that check permission.
 * Future: an S3-compatible implementation of the same three functions, chosen by environment.
 */

export interface StoredFile {
  key: string
  size: number
  mimeType: string
  fileName: string
}

export interface UploadRule {
  maxBytes: number
  /** Allowed MIME types with the magic bytes that prove them. */
  types: string[]
}

export const IMAGE_RULE: UploadRule = {
  maxBytes: 2 * 1024 * 1024,
  types: ['image/png', 'image/jpeg', 'image/webp'],
}
export const DOCUMENT_RULE: UploadRule = {
  maxBytes: 10 * 1024 * 1024,
  types: ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'],
}

/** Sniff the type from the content (never trust the browser's claim). */
export function sniffType(buf: Uint8Array): string | null {
  const b = buf
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'application/pdf'
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png'
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45)
    return 'image/webp'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, Math.min(b.length, 4096)))
    return 'text/plain'
  } catch {
    return null
  }
}

/** The folder of uploaded files (also what a backup takes and a restore fills). */
export const uploadsDir = (config: Pick<Config, 'KYODO_DATA_DIR'>) =>
  path.resolve(config.KYODO_DATA_DIR, 'uploads')
const root = uploadsDir

function resolveKey(config: Pick<Config, 'KYODO_DATA_DIR'>, key: string) {
  if (!/^[0-9a-f-]{36}\/\d{4}\/[0-9a-f]{32}$/.test(key))
    throw new AppError(404, 'not_found', 'ファイルが見つかりません。')
  return path.join(root(config), key)
}

/** Check and store a file; refuses (422) what is too large or of a type not allowed, naming the field. */
export async function putFile(
  config: Pick<Config, 'KYODO_DATA_DIR'>,
  tenantId: string,
  file: File,
  rule: UploadRule,
  label: string,
): Promise<StoredFile> {
  if (file.size === 0)
    throw new AppError(422, 'upload_empty', `${label}のファイルが空です。`, {
      file: `${label}のファイルが空です`,
    })
  if (file.size > rule.maxBytes) {
    const mb = Math.round(rule.maxBytes / 1024 / 1024)
    throw new AppError(422, 'upload_too_large', `${label}は${mb}MB以下のファイルを選んでください。`, {
      file: `${label}は${mb}MB以下のファイルを選んでください`,
    })
  }
  const buf = new Uint8Array(await file.arrayBuffer())
  const type = sniffType(buf)
  if (!type || !rule.types.includes(type)) {
    throw new AppError(422, 'upload_type', `${label}の形式に対応していません。`, {
      file: `${label}は${rule.types.map((t) => t.split('/')[1].toUpperCase()).join('・')}形式のファイルを選んでください`,
    })
  }
  const key = `${tenantId}/${new Date().getUTCFullYear()}/${randomBytes(16).toString('hex')}`
  const full = resolveKey(config, key)
  await fs.mkdir(path.dirname(full), { recursive: true })
  await fs.writeFile(full, buf)
  return { key, size: buf.length, mimeType: type, fileName: file.name.slice(0, 200) || 'file' }
}

export async function getFile(config: Pick<Config, 'KYODO_DATA_DIR'>, key: string): Promise<Buffer> {
  try {
    return await fs.readFile(resolveKey(config, key))
  } catch (e) {
    if (e instanceof AppError) throw e
    throw new AppError(404, 'not_found', 'ファイルが見つかりません。')
  }
}

export async function deleteFile(config: Pick<Config, 'KYODO_DATA_DIR'>, key: string): Promise<void> {
  try {
    await fs.unlink(resolveKey(config, key))
  } catch {
    // already gone
  }
}

/** Keep raw bytes (e.g. an uploaded CSV between the mapping step and the import); no type check. */
export async function putBytes(
  config: Pick<Config, 'KYODO_DATA_DIR'>,
  tenantId: string,
  bytes: Uint8Array,
): Promise<string> {
  const key = `${tenantId}/${new Date().getUTCFullYear()}/${randomBytes(16).toString('hex')}`
  const full = resolveKey(config, key)
  await fs.mkdir(path.dirname(full), { recursive: true })
  await fs.writeFile(full, bytes)
  return key
}

/** Does this key belong to that tenant (keys start with the tenant id)? */
export const keyOfTenant = (key: string, tenantId: string) => key.startsWith(`${tenantId}/`)
