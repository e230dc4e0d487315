import path from 'node:path'
import { createRequire } from 'node:module'
import { toKatakana } from './text.ts'

/**
 * The morphological analyser (kuromoji with the IPADIC it ships inside the npm package; nothing is
 * downloaded). One instance per process, loaded once (about half a second). Search, matching,
 * routing and import all read words and readings through here, so a word is understood the same
 * way everywhere.
 */

const require = createRequire(import.meta.url)

export type KToken = {
  surface_form: string
  pos: string
  pos_detail_1: string
  pos_detail_2?: string
  basic_form: string
  /** 五段・バ行, 一段 … (verbs and adjectives) */
  conjugated_type?: string
  reading?: string
  pronunciation?: string
  word_type?: string
  /** 1-based character offset of the token in the text */
  word_position?: number
}
export type Tokenizer = { tokenize(s: string): KToken[] }

let tokenizer: Tokenizer | null = null
let loading: Promise<Tokenizer> | null = null

/** Load the analyser once per process. */
export function loadTokenizer(): Promise<Tokenizer> {
  if (tokenizer) return Promise.resolve(tokenizer)
  if (!loading) {
    loading = new Promise<Tokenizer>((resolve, reject) => {
      const kuromoji = require('kuromoji') as {
        builder(o: { dicPath: string }): { build(cb: (err: unknown, t: Tokenizer) => void): void }
      }
      const dicPath = path.join(path.dirname(require.resolve('kuromoji/package.json')), 'dict')
      kuromoji.builder({ dicPath }).build((err, t) => {
        if (err) reject(err)
        else {
          tokenizer = t
          resolve(t)
        }
      })
    })
  }
  return loading
}

/** The analyser if it is loaded already (null before `loadTokenizer()` has finished). */
export function loadedTokenizer(): Tokenizer | null {
  return tokenizer
}

/**
 * The reading of a text in katakana, from the analyser (漢字 → カンジ). Words the dictionary does
 * not know keep their surface form folded to katakana; Latin letters and digits are kept.
 */
export async function readingOf(text: string): Promise<string> {
  const t = await loadTokenizer()
  return t
    .tokenize(text.normalize('NFKC'))
    .map((k) => (k.reading && k.reading !== '*' ? k.reading : toKatakana(k.surface_form)))
    .join('')
}
