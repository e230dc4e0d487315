import { ymdInTokyo } from '../../core/japanese/index.ts'
import { hmInTokyo } from './domain.ts'

/**
 * The open-data event list in the columns of the 自治体標準オープンデータセット「イベント一覧」, in their
 * standard order (documented in docs/opendata-events.md and on /opendata/events). Only published
 * events (not drafts, not 職員研修, not cancelled) are listed.
 */
export const OPENDATA_EVENT_COLUMNS = [
  { key: 'code', header: '都道府県コード又は市区町村コード', note: '全国地方公共団体コード（6桁）' },
  { key: 'no', header: 'NO', note: 'この一覧の通し番号（開始日時の順）' },
  { key: 'prefecture', header: '都道府県名', note: '' },
  { key: 'city', header: '市区町村名', note: '' },
  { key: 'title', header: 'イベント名', note: '' },
  { key: 'titleKana', header: 'イベント名_カナ', note: '全角カタカナ' },
  { key: 'titleEn', header: 'イベント名_英語', note: '空欄（英語名は登録していません）' },
  { key: 'startDate', header: '開始日', note: 'YYYY-MM-DD（日本時間）' },
  { key: 'endDate', header: '終了日', note: 'YYYY-MM-DD（日本時間）' },
  { key: 'startTime', header: '開始時間', note: 'hh:mm（日本時間、24時間制）' },
  { key: 'endTime', header: '終了時間', note: 'hh:mm（日本時間、24時間制）' },
  { key: 'timeNote', header: '開始日時特記事項', note: 'オンライン開催のときは「オンライン開催」' },
  { key: 'description', header: '説明', note: '改行は空白に置き換えています' },
  { key: 'feeBasic', header: '料金(基本)', note: '円、数字のみ。無料は0。金額が決まらない場合は空欄' },
  { key: 'feeDetail', header: '料金(詳細)', note: '参加費として登録された文言' },
  { key: 'contactName', header: '連絡先名称', note: '' },
  { key: 'contactPhone', header: '連絡先電話番号', note: '' },
  { key: 'contactExtension', header: '連絡先内線番号', note: '空欄' },
  { key: 'organiser', header: '主催者', note: '主催・共催の課と団体（複数はセミコロン区切り）' },
  { key: 'placeName', header: '場所名称', note: '' },
  { key: 'address', header: '住所', note: '' },
  { key: 'addressBuilding', header: '方書', note: '空欄' },
  { key: 'latitude', header: '緯度', note: '空欄' },
  { key: 'longitude', header: '経度', note: '空欄' },
  { key: 'access', header: 'アクセス方法', note: '' },
  { key: 'parking', header: '駐車場情報', note: '空欄' },
  { key: 'capacity', header: '定員', note: '人数、数字のみ。定員なしは空欄' },
  { key: 'deadlineDate', header: '参加申込終了日', note: 'YYYY-MM-DD（日本時間）' },
  { key: 'deadlineTime', header: '参加申込終了時間', note: 'hh:mm（日本時間）' },
  { key: 'howToApply', header: '参加申込方法', note: '' },
  { key: 'url', header: 'URL', note: 'このサイトのイベントのページ' },
  { key: 'note', header: '備考', note: '対象、バリアフリー・配慮の情報' },
] as const

export const OPENDATA_EVENT_HEADER: string[] = OPENDATA_EVENT_COLUMNS.map((c) => c.header)
export type OpenDataEventRecord = Record<
  (typeof OPENDATA_EVENT_COLUMNS)[number]['key'],
  string | number | null
>

export interface OpenDataSource {
  id: string
  title: string
  titleKana: string
  description: string
  startsAt: Date
  endsAt: Date
  online: boolean
  fee: string
  contactName: string
  contactPhone: string
  organisers: string[]
  placeName: string
  placeAddress: string
  placeAccess: string
  placeAccessibility: string
  audience: string
  capacity: number | null
  acceptsRegistrations: boolean
  registrationDeadline: Date | null
}

const oneLine = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim()

/** 料金(基本): a number of yen when the fee says one ("無料" → 0, "500円" → 500), else blank. */
export function feeBasic(fee: string): number | null {
  const f = fee.normalize('NFKC').replace(/[,\s]/g, '')
  if (/^(無料|0円?)$/.test(f)) return 0
  const m = f.match(/^(\d+)円?$/)
  return m ? Number(m[1]) : null
}

export function openDataRecord(
  city: { code: string; name: string; prefecture: string },
  e: OpenDataSource,
  no: number,
  baseUrl: string,
): OpenDataEventRecord {
  return {
    code: city.code,
    no,
    prefecture: city.prefecture,
    city: city.name,
    title: oneLine(e.title),
    titleKana: e.titleKana,
    titleEn: '',
    startDate: ymdInTokyo(e.startsAt),
    endDate: ymdInTokyo(e.endsAt),
    startTime: hmInTokyo(e.startsAt),
    endTime: hmInTokyo(e.endsAt),
    timeNote: e.online ? 'オンライン開催' : '',
    description: oneLine(e.description),
    feeBasic: feeBasic(e.fee),
    feeDetail: oneLine(e.fee),
    contactName: oneLine(e.contactName),
    contactPhone: e.contactPhone,
    contactExtension: '',
    organiser: e.organisers.join(';'),
    placeName: oneLine(e.online && !e.placeName ? 'オンライン' : e.placeName),
    address: oneLine(e.placeAddress),
    addressBuilding: '',
    latitude: '',
    longitude: '',
    access: oneLine(e.placeAccess),
    parking: '',
    capacity: e.capacity,
    deadlineDate: e.registrationDeadline ? ymdInTokyo(e.registrationDeadline) : '',
    deadlineTime: e.registrationDeadline ? hmInTokyo(e.registrationDeadline) : '',
    howToApply: e.acceptsRegistrations ? 'URLのページの申込フォームから申し込む' : '',
    url: `${baseUrl}/events/${e.id}`,
    note: [
      e.audience ? `対象：${oneLine(e.audience)}` : '',
      e.placeAccessibility ? `配慮：${oneLine(e.placeAccessibility)}` : '',
    ]
      .filter(Boolean)
      .join(' '),
  }
}
