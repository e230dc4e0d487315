import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'

/** OWASP: argon2id, m=19456 KiB, t=2, p=1. */
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 /* Argon2id */ } as const

export const hashPassword = (pw: string) => hash(pw, ARGON)
export async function verifyPassword(stored: string | null, pw: string): Promise<boolean> {
  if (!stored) {
    // Same work as a real check, so timing does not tell whether the account exists.
    await hash(pw, ARGON)
    return false
  }
  try {
    return await verify(stored, pw)
  } catch {
    return false
  }
}

/** 256-bit random token, URL-safe. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url')
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex')

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
