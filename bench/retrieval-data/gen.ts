/**
 * Writes the retrieval bench's labelled sets to bench/data/retrieval-*.json from the hand-written
 * sources next to this file (deterministic: run again and the files do not change).
 *   npx tsx bench/retrieval-data/gen.ts
 * - groups: the 224 hand-written profiles plus ~800 generated hobby/culture/sports groups as
 *   distractors (the same audiences and generic words, other activities);
 * - needs: the hand-written needs with their target groups;
 * - departments and residents' questions;
 * - search probes generated from the names by rule (one character changed, missing or extra;
 *   a 4-character piece from inside; width variants; 子ども/こども/子供) plus hand-written readings.
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { DEPARTMENTS, QUESTIONS } from './departments.ts'
import { CORE_GROUPS } from './groups-core.ts'
import { NEEDS } from './needs.ts'

const here = path.dirname(fileURLToPath(import.meta.url))
const out = path.join(here, '..', 'data')

/** The 20 fields of the NPO Act (特定非営利活動促進法 別表). */
export const FIELDS = [
  '',
  '保健、医療又は福祉の増進',
  '社会教育の推進',
  'まちづくりの推進',
  '観光の振興',
  '農山漁村又は中山間地域の振興',
  '学術、文化、芸術又はスポーツの振興',
  '環境の保全',
  '災害救援',
  '地域安全',
  '人権の擁護又は平和の推進',
  '国際協力',
  '男女共同参画社会の形成の促進',
  '子どもの健全育成',
  '情報化社会の発展',
  '科学技術の振興',
  '経済活動の活性化',
  '職業能力の開発又は雇用機会の拡充の支援',
  '消費者の保護',
  '前各号に掲げる活動を行う団体の運営又は活動に関する連絡、助言又は援助',
  '前各号に掲げる活動に準ずる活動として条例で定める活動',
]

let seed = 20261201
function rnd(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed / 2147483648
}
const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]

type Group = { id: string; name: string; fields: string[]; description: string; topic?: string }
const groups: Group[] = []
for (const [topic, lines] of Object.entries(CORE_GROUPS)) {
  lines.forEach((line, i) => {
    const [name, fields, description] = line.split('|')
    groups.push({
      id: `${topic}:${i}`,
      name,
      fields: fields.split(',').map((n) => FIELDS[Number(n)]),
      description,
      topic,
    })
  })
}

// Distractors: hobby, culture and sports groups for the same audiences.
const HOBBIES: [string, number[]][] = [
  ['囲碁', [6]],
  ['将棋', [6, 13]],
  ['俳句', [6, 2]],
  ['短歌', [6]],
  ['書道', [6, 2]],
  ['茶道', [6]],
  ['華道', [6]],
  ['写真', [6]],
  ['水彩画', [6]],
  ['陶芸', [6]],
  ['英会話', [2, 11]],
  ['中国語会話', [2, 11]],
  ['社交ダンス', [6]],
  ['フラダンス', [6]],
  ['太極拳', [6, 1]],
  ['ヨガ', [6, 1]],
  ['卓球', [6]],
  ['テニス', [6]],
  ['ソフトボール', [6]],
  ['ゲートボール', [6, 1]],
  ['グラウンドゴルフ', [6, 1]],
  ['カラオケ', [6]],
  ['民謡', [6]],
  ['詩吟', [6]],
  ['和太鼓', [6, 13]],
  ['手芸', [6]],
  ['パッチワーク', [6]],
  ['折り紙', [6, 13]],
  ['落語', [6]],
  ['映画鑑賞', [6]],
  ['鉄道模型', [6]],
  ['山歩き', [6]],
  ['サイクリング', [6]],
  ['釣り', [6]],
  ['マジック', [6, 13]],
  ['紙芝居', [6, 13]],
  ['けん玉', [6, 13]],
  ['ハーモニカ', [6]],
  ['ウクレレ', [6]],
  ['大正琴', [6]],
  ['筝曲', [6]],
  ['日本舞踊', [6]],
  ['着付け', [6]],
  ['生け花', [6]],
  ['朗読劇', [6]],
  ['人形劇', [6, 13]],
  ['切り絵', [6]],
  ['木工', [6]],
  ['盆栽', [6]],
  ['押し花', [6]],
  ['編み物', [6]],
  ['料理', [6, 1]],
  ['パン作り', [6]],
  ['そば打ち', [6]],
  ['麻雀', [6, 1]],
  ['ボウリング', [6]],
  ['水泳', [6]],
  ['剣道', [6, 13]],
  ['空手', [6, 13]],
  ['柔道', [6, 13]],
  ['バドミントン', [6]],
  ['バレーボール', [6]],
]
const FORMS = ['教室', '練習会', '同好会', 'サークル', '講座', '愛好会', 'クラブ']
const AUDIENCES = [
  '地域の高齢者',
  '市内在住の子ども',
  '親子',
  '市民',
  '障害のある人',
  '外国人住民',
  '女性',
  'シニア世代',
  '中高生',
  '働く世代',
  '初心者',
  '退職した男性',
  '子育て中の母親',
  '大学生',
]
const PLACES = [
  '吉祥寺',
  '境南',
  '桜堤',
  '中町',
  '緑町',
  '西久保',
  '関前',
  '八幡町',
  '御殿山',
  '武蔵境',
  '三鷹台',
  'けやき',
  'さくら',
  'ひばり',
  'あおば',
  'みどり',
  'すみれ',
  'つばさ',
  'かえで',
  'ひかり',
]
const FREQ = ['毎週', '月に二回', '月に一回', '週に二回', '隔週', '毎月第一日曜日に']
const VENUES = ['コミュニティセンター', '公民館', '集会所', '市民会館', '地区センター', '体育館', '自治会館']
const EXTRA = [
  '会員は約{n}名で、初心者の参加も歓迎している。',
  '年に一度、市の文化祭で日頃の成果を発表している。',
  '活動を通じて会員同士の親睦を深め、地域の行事にも参加している。',
  '講師を招いた勉強会も開き、技術の向上に努めている。',
  '地域のお祭りや福祉まつりに出演・出展している。',
  '会費は月{n}00円で、道具の貸し出しも行っている。',
  '世代を問わず楽しめるよう、体験会を随時開いている。',
  '市内の他の団体と合同で発表会を開くこともある。',
]
const LEGAL = ['特定非営利活動法人', '特定非営利活動法人', 'NPO法人']
const SUFFIX = ['の会', '会', 'クラブ', '同好会', 'サークル', '倶楽部', '友の会', '愛好会']
const usedNames = new Set(groups.map((g) => g.name))
let fi = 0
while (groups.length < 1024) {
  const [hobby, fields] = pick(HOBBIES)
  const place = pick(PLACES)
  const name = `${pick(LEGAL)}${place}${hobby}${pick(SUFFIX)}`
  if (usedNames.has(name)) continue
  usedNames.add(name)
  const aud = pick(AUDIENCES)
  const extra1 = pick(EXTRA).replace('{n}', String(10 + Math.floor(rnd() * 50)))
  let extra2 = pick(EXTRA).replace('{n}', String(3 + Math.floor(rnd() * 7)))
  if (extra2 === extra1) extra2 = ''
  const description = `${aud}を対象に、${pick(VENUES)}で${hobby}の${pick(FORMS)}を${pick(FREQ)}開いている。${extra1}${extra2}`
  groups.push({ id: `g${++fi}`, name, fields: fields.map((n) => FIELDS[n]), description })
}

const needs = NEEDS.map((line, i) => {
  const [title, issue, goal, partner, targets] = line.split('|')
  return { id: `n${i + 1}`, title, issue, goal, partner, targets: targets.split(' ') }
})
const known = new Set(groups.map((g) => g.id))
for (const n of needs)
  for (const t of n.targets) if (!known.has(t)) throw new Error(`unknown target ${t} in ${n.id}`)

const departments = DEPARTMENTS.map((line) => {
  const [id, name, duties] = line.split('|')
  return { id, name, duties }
})
const depIds = new Set(departments.map((d) => d.id))
const questions = QUESTIONS.map((line, i) => {
  const [sentence, keywords, ids] = line.split('|')
  const targets = ids.split(' ')
  for (const t of targets) if (!depIds.has(t)) throw new Error(`unknown department ${t}`)
  return { id: `q${i + 1}`, sentence, keywords, targets }
})

// Search probes over the hand-written groups' names (without the legal form).
const bare = (n: string) => n.replace(/^(特定非営利活動法人|NPO法人)/, '')
const core = groups.filter((g) => g.topic)
const charPool = [...new Set(core.flatMap((g) => [...bare(g.name)]))]
type Probe = { kind: string; q: string; target: string }
const probes: Probe[] = []
const shuffled = [...core].sort(() => rnd() - 0.5)
const longNames = shuffled.filter((g) => bare(g.name).length >= 6)
for (const g of longNames.slice(0, 65)) {
  const n = bare(g.name)
  const i = 1 + Math.floor(rnd() * (n.length - 2))
  let c = pick(charPool)
  while (c === n[i]) c = pick(charPool)
  probes.push({ kind: 'typo-changed', q: n.slice(0, i) + c + n.slice(i + 1), target: g.id })
}
for (const g of longNames.slice(65, 130)) {
  const n = bare(g.name)
  const i = 1 + Math.floor(rnd() * (n.length - 2))
  probes.push({ kind: 'typo-missing', q: n.slice(0, i) + n.slice(i + 1), target: g.id })
}
for (const g of [...longNames.slice(130), ...longNames].slice(0, 65)) {
  const n = bare(g.name)
  const i = 1 + Math.floor(rnd() * (n.length - 1))
  probes.push({ kind: 'typo-extra', q: n.slice(0, i) + pick(charPool) + n.slice(i), target: g.id })
}
for (const g of shuffled.slice(0, 65)) {
  const n = bare(g.name)
  if (n.length < 6) continue
  const i = 1 + Math.floor(rnd() * (n.length - 5))
  probes.push({ kind: 'piece4', q: n.slice(i, i + 4), target: g.id })
}
// width variants: full-width Latin, half-width katakana
const FULL = (s: string) => s.replace(/[A-Za-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
const KATA =
  'ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロワヲンー'
const HALF = 'ｧｱｨｲｩｳｪｴｫｵｶｷｸｹｺｻｼｽｾｿﾀﾁｯﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓｬﾔｭﾕｮﾖﾗﾘﾙﾚﾛﾜｦﾝｰ'
const halfKana = (s: string) =>
  [...s.normalize('NFD')]
    .map((c) => (c === '\u3099' ? 'ﾞ' : c === '\u309a' ? 'ﾟ' : KATA.includes(c) ? HALF[KATA.indexOf(c)] : c))
    .join('')
for (const g of core) {
  const n = g.name
  if (/[A-Za-z0-9]/.test(n)) probes.push({ kind: 'width', q: FULL(n), target: g.id })
  else if (/[ァ-ン]{3,}/.test(bare(n))) probes.push({ kind: 'width', q: halfKana(bare(n)), target: g.id })
}
// 子ども / こども / 子供
for (const g of core) {
  const n = bare(g.name)
  const m = n.match(/子ども|こども|子供/)
  if (!m) continue
  for (const v of ['子ども', 'こども', '子供'])
    if (v !== m[0]) probes.push({ kind: 'kodomo', q: n.replace(m[0], v), target: g.id })
}
// hiragana readings, written by hand
const READINGS: [string, string][] = [
  ['watch:0', 'さくらみまもりねっとわーく'],
  ['watch:2', 'あんしんこーるむさしの'],
  ['shokudo:0', 'こどもしょくどうひだまり'],
  ['nihongo:0', 'むさしのにほんごのかい'],
  ['shelter:0', 'ぼうさいまちづくりさかい'],
  ['cats:0', 'まちねこのかい'],
  ['frail:0', 'いきいきたいそうくらぶ'],
  ['dementia:0', 'おれんじかふぇむさしの'],
  ['futoko:0', 'ふりーすぺーすそら'],
  ['reading:0', 'おはなしのもり'],
  ['akiya:0', 'あきやかつようねっとむさしの'],
  ['shotengai:0', 'きちじょうじにぎわいそうぞう'],
  ['farm:0', 'えんのうぼらんてぃあのかい'],
  ['green:0', 'はなとみどりのまちづくり'],
  ['river:0', 'たまがわじょうすいをまもるかい'],
  ['foodbank:0', 'ふーどばんくむさしの'],
  ['energy:0', 'しみんえねるぎーむさしの'],
  ['patrol:0', 'あんぜんあんしんぱとろーるたい'],
  ['guardian:0', 'せいねんこうけんさぽーとむさしの'],
  ['deaf:0', 'しゅわさーくるてのひら'],
  ['blind:0', 'てんやくぐるーぷむっつのてん'],
  ['history:0', 'むさしのきょうどしけんきゅうかい'],
  ['peace:0', 'へいわをかたりつぐかい'],
  ['satoyama:0', 'ぞうきばやしのかい'],
  ['creatures:0', 'やちょうのかいむさしの'],
]
for (const [target, q] of READINGS) probes.push({ kind: 'reading', q, target })

fs.mkdirSync(out, { recursive: true })
const write = (file: string, data: unknown) =>
  fs.writeFileSync(path.join(out, file), `${JSON.stringify(data, null, 1)}\n`)
write('retrieval-groups.json', {
  about:
    'Groups for the retrieval bench (bench/retrieval-data/gen.ts): 224 hand-written NPO法人 profiles in 56 topics (ids topic:i) and generated hobby/culture/sports groups (ids g…) as distractors.',
  groups: groups.map(({ topic: _t, ...g }) => g),
})
write('retrieval-needs.json', {
  about:
    'Needs written in other words than their target groups, with the ids of the groups that should be suggested.',
  needs,
})
write('retrieval-departments.json', {
  about:
    'Departments with duties written like a 事務分掌規則, and residents’ questions (a sentence and 1–2 keywords) with the right department ids.',
  departments,
  questions,
})
write('retrieval-probes.json', {
  about:
    'Directory search probes over the hand-written groups’ names: one character changed/missing/extra, a 4-character inner piece, width variants, 子ども/こども/子供, hiragana readings.',
  probes,
})
console.log(
  `groups ${groups.length}, needs ${needs.length}, departments ${departments.length}, questions ${questions.length}, probes ${probes.length}`,
)
const byKind = new Map<string, number>()
for (const p of probes) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1)
console.log([...byKind].map(([k, n]) => `${k} ${n}`).join(', '))
