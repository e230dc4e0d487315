/**
 * The audit log in Japanese: each action code as a sentence-like name, the kind of object, and the
 * changes as 「項目：前 → 後」 lines. The codes stay in the database and in the CSV export.
 */

export const ACTION_LABELS: Record<string, string> = {
  'auth.login.success': 'ログインしました',
  'auth.login.failure': 'ログインに失敗しました（パスワード違い）',
  'auth.login.limited': 'ログインの試行が多すぎるため止めました',
  'auth.login.disabled': '利用停止中のアカウントでログインしようとしました',
  'auth.login.unverified': 'メールアドレス未確認のアカウントでログインしようとしました',
  'auth.login.password_ok': 'パスワードを確認しました（確認コードの入力待ち）',
  'auth.logout': 'ログアウトしました',
  'auth.mfa.failure': '確認コードが違いました',
  'auth.reset.requested': 'パスワードの再設定を申し込みました',
  'auth.reset.completed': 'パスワードを再設定しました',
  'authz.denied': '権限のない操作をしようとして拒否されました',
  'authz.csrf.refused': '不正な送信（CSRF）を拒否しました',
  'apiToken.create': 'APIのアクセストークンを発行しました',
  'apiToken.revoke': 'APIのアクセストークンを無効にしました',
  'area.create': '地区を追加しました',
  'area.update': '地区を変更しました',
  'area.import': '地区を取り込みました',
  'area.import.create': '地区を取り込みで追加しました',
  'area.import.update': '地区を取り込みで変更しました',
  'audit.export': '操作記録をCSVに出力しました',
  'demo.load': 'デモデータを読み込みました',
  'department.create': '部署を追加しました',
  'department.update': '部署を変更しました',
  'department.import': '部署を取り込みました',
  'department.deactivate': '部署を廃止にしました',
  'department.reactivate': '部署を再開しました',
  'fiscalYear.create': '年度を追加しました',
  'fiscalYear.status': '年度の状態を変更しました',
  'user.disable': '利用者を利用停止にしました',
  'user.enable': '利用者の利用停止を解除しました',
  'department.import.create': '部署を取り込みで追加しました',
  'department.import.update': '部署を取り込みで変更しました',
  'follow.update': 'お知らせの設定を変更しました',
  'group.create': '団体を登録しました',
  'group.update': '団体の情報を変更しました',
  'group.edit': '団体の情報を変更しました',
  'group.submit': '団体の登録を申請しました',
  'group.approve': '団体の登録を承認・公開しました',
  'group.return': '団体の登録を差し戻しました',
  'group.suspend': '団体の公開を停止しました',
  'group.archive': '団体を登録終了にしました',
  'group.delete': '団体を削除しました',
  'group.delete.request': '団体の削除を依頼しました',
  'group.document.add': '団体の書類を添付しました',
  'group.document.delete': '団体の書類を削除しました',
  'group.export': '団体の一覧を出力しました',
  'group.import': '団体を取り込みました',
  'group.inactive': '団体を活動休止にしました',
  'group.logo': '団体のロゴを変更しました',
  'group.member.remove': '団体のメンバーを外しました',
  'group.owner.transfer': '団体の代表者を交代しました',
  'group.renew': '団体の年度更新をしました',
  'group.renewal.run': '年度更新の処理を実行しました',
  'group.conditions.update': '団体登録の条件を変更しました',
  'hearing.open': 'ヒアリングを開始しました',
  'hearing.answer': 'ヒアリングに回答しました',
  'hearing.remind': 'ヒアリングの回答を催促しました',
  'hearing.publish': 'ヒアリングの結果を公表しました',
  'invitation.create': '招待を送りました',
  'invitation.accept': '招待を受けました',
  'menu.create': '協働メニューを追加しました',
  'menu.update': '協働メニューを変更しました',
  'municipality.update': '自治体の設定を変更しました',
  'municipality.fields.update': '入力項目の設定を変更しました',
  'need.create': '協働ニーズを登録しました',
  'need.update': '協働ニーズを変更しました',
  'need.status': '協働ニーズの状態を変更しました',
  'need.interest': '協働ニーズに関心を示しました',
  'need.interest.update': '協働ニーズへの関心のメッセージを更新しました',
  'need.invite': '協働ニーズを団体に案内しました',
  'notification.read_all': 'お知らせをすべて既読にしました',
  'offer.create': 'できることを登録しました',
  'pairing.create': '協働の調整を始めました',
  'pairing.stage': '協働の調整の段階を変更しました',
  'pairing.meeting': '協働の調整に会議を記録しました',
  'plan.create': '計画を追加しました',
  'plan.update': '計画を変更しました',
  'project.create': '協働事業を記録しました',
  'user.signup': 'アカウントを登録しました',
  'user.roles.update': '利用者の役割を変更しました',
  'user.department.add': '利用者を部署に所属させました',
  'user.department.remove': '利用者を部署から外しました',
  'user.email.change.requested': 'メールアドレスの変更を申し込みました',
  'user.email.change.refused': 'メールアドレスの変更を拒否しました',
  'user.email.verified': 'メールアドレスを確認しました',
  'user.mfa.enable': '2段階認証を有効にしました',
  'user.mfa.disable': '2段階認証を無効にしました',
  'user.mfa.disable.refused': '2段階認証の無効化を拒否しました',
  'user.password.change': 'パスワードを変更しました',
  'user.password.change.refused': 'パスワードの変更を拒否しました',
  'user.profile.update': 'プロフィールを変更しました',
  'user.unsubscribe': 'メールのお知らせの設定を変更しました',
}

/** The kinds of object, by their code's first part (also the prefixes of actions). */
export const ENTITY_LABELS: Record<string, string> = {
  api_token: 'アクセストークン',
  apiToken: 'アクセストークン',
  area: '地区',
  audit_log: '操作記録',
  audit: '操作記録',
  auth: 'ログイン',
  authz: '権限',
  city_plan: '計画',
  plan: '計画',
  demo: 'デモデータ',
  department: '部署',
  fiscal_year: '年度',
  fiscalYear: '年度',
  follow: 'お知らせの設定',
  group: '団体',
  group_document: '団体の書類',
  hearing: 'ヒアリング',
  invitation: '招待',
  job: '定期処理',
  menu_item: '協働メニュー',
  menu: '協働メニュー',
  municipality: '自治体',
  need: '協働ニーズ',
  notification: 'お知らせ',
  offer: 'できること',
  pairing: '協働の調整',
  project: '協働事業',
  request: '画面・API',
  user: '利用者',
}

const FIELD_LABELS: Record<string, string> = {
  status: '状態',
  name: '名前',
  nameKana: 'フリガナ',
  kind: '種類',
  phone: '電話番号',
  duties: '所掌事務',
  location: '場所',
  parentId: '上位の部署',
  code: 'コード',
  officeName: '窓口の名前',
  officePhone: '窓口の電話番号',
  officeEmail: '窓口のメールアドレス',
  disabled: '利用停止',
  title: '件名',
  email: 'メールアドレス',
  message: 'メッセージ',
  comment: 'コメント',
  permission: '必要な権限',
  reason: '理由',
  groupId: '団体',
  departmentId: '部署',
  isAdmin: '管理者',
  isCoordinator: 'コーディネーター',
  isReviewer: '審査委員',
  description: '説明',
  visibility: '公開範囲',
  budgetLimit: '予算の上限額',
  deadline: '募集の締切',
  stage: '段階',
  rows: '件数',
  reached: '届け先',
  filter: '条件',
  role: '役割',
  active: '有効',
  sortOrder: '表示順',
  digest: 'お知らせの頻度',
  fields: '分野',
  areaIds: '地区',
}

const PERMISSIONS: Record<string, string> = {
  'board.view': '調整ボードを見る',
  'admin.view': '管理メニューを見る',
  'audit.read': '操作記録を見る',
  'group.review': '団体を審査する',
  'group.conditions': '団体登録の条件を編集する',
  'plans.manage': '計画を管理する',
  'hearing.manage': 'ヒアリングを管理する',
  'hearing.view': 'ヒアリングを見る',
  'users.manage': '利用者を管理する',
  'organisation.manage': '組織を管理する',
}

/** An action code as Japanese (unknown codes: the kind of object and the code). */
export function actionLabel(code: string): string {
  if (ACTION_LABELS[code]) return ACTION_LABELS[code]
  const kind = ENTITY_LABELS[code.split('.')[0]]
  return kind ? `${kind}の操作（${code}）` : code
}

export const entityLabel = (code: string) => ENTITY_LABELS[code] ?? code

const STATUS_WORDS: Record<string, string> = {
  draft: '下書き',
  pending: '審査待ち',
  returned: '差し戻し',
  published: '公開中',
  suspended: '公開停止',
  inactive: '活動休止',
  archived: '登録終了',
  coordinating: '調整中',
  matched: '協働先決定',
  unmatched: '協働先なし',
  withdrawn: '取り下げ',
  candidate: '候補',
  introduced: '紹介済み',
  negotiating: '協議中',
  agreed: '合意',
  declined: '見送り',
}

const value = (v: unknown, key = ''): string => {
  if (key === 'status' || key === 'stage')
    if (typeof v === 'string' && STATUS_WORDS[v]) return STATUS_WORDS[v]
  if (v === null || v === undefined || v === '') return '（なし）'
  if (v === true) return 'はい'
  if (v === false) return 'いいえ'
  if (typeof v === 'string') return PERMISSIONS[v] ?? (v.length > 80 ? `${v.slice(0, 80)}…` : v)
  if (Array.isArray(v)) return v.length ? v.map((x) => value(x)).join('、') : '（なし）'
  if (typeof v === 'object') return sentences(v).join('、') || '（なし）'
  return String(v)
}

/** The changes of one entry as lines: 「状態：下書き → 公開中」, 「必要な権限：調整ボードを見る」. */
export function sentences(changes: unknown): string[] {
  if (!changes || typeof changes !== 'object') return changes ? [String(changes)] : []
  return Object.entries(changes as Record<string, unknown>).map(([k, v]) => {
    const label = FIELD_LABELS[k] ?? k
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      !Array.isArray(v[0]) &&
      (typeof v[0] !== 'object' || v[0] === null)
    )
      return `${label}：${value(v[0], k)} → ${value(v[1], k)}`
    return `${label}：${value(v, k)}`
  })
}

/**
 * What a person types in the filter (Japanese or a code) as the action codes it means: a code prefix
 * is kept; Japanese words match the labels of actions and kinds of object.
 */
export function actionCodesFor(q: string): { prefix: string } | { codes: string[] } {
  const s = q.trim()
  if (/^[a-zA-Z_.]+$/.test(s)) return { prefix: s }
  const codes = new Set<string>()
  for (const [code, label] of Object.entries(ACTION_LABELS)) if (label.includes(s)) codes.add(code)
  for (const [k, label] of Object.entries(ENTITY_LABELS))
    if (label.includes(s))
      for (const code of Object.keys(ACTION_LABELS)) if (code.split('.')[0] === k) codes.add(code)
  return { codes: [...codes] }
}

/** A kind of object typed in Japanese or as a code, as its codes. */
export function entityCodesFor(q: string): string[] {
  const s = q.trim()
  if (/^[a-zA-Z_]+$/.test(s)) return [s]
  const out = Object.entries(ENTITY_LABELS)
    .filter(([, l]) => l.includes(s))
    .map(([k]) => k)
  return out.length ? out : [s]
}
