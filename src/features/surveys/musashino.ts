/**
 * The built-in template: Musashino's questionnaire 「協働事業等に関する実態把握調査」 (seed 004), its
 * items by attribute as in the seed's 別表, its choices in the seed's wording, and the numbers of
 * its 図表. Question keys are stable: the Musashino fixture and earlier years' answers use them.
 */
import { BY_EXPERIENCE, type Choice, OTHER, type Questionnaire } from './questionnaire.ts'

const c = (code: string, label: string): Choice => ({ code, label })

/** Musashino's nine forms of collaboration; codes are those of the project records (COLLAB_FORMS). */
export const MUSASHINO_FORMS: Choice[] = [
  c('commission', '委託'),
  c('co_host', '共催'),
  c('support', '後援'),
  c('executive_committee', '実行委員会・協議会'),
  c('cooperation', '事業協力'),
  c('subsidy', '補助・助成'),
  c('planning', '企画立案への参画'),
  c('information_exchange', '情報提供・情報交換'),
  c('sponsorship', '協賛'),
]

/** Attributes ①–③: departments that have collaborated. */
const EXPERIENCED = [1, 2, 3]

export function musashinoQuestionnaire(): Questionnaire {
  return {
    sections: [
      {
        key: 'respondent',
        title: '回答する課',
        questions: [
          {
            key: 'department',
            label: '所管課名',
            kind: 'text',
            short: true,
            prefill: 'department',
            required: true,
          },
          { key: 'respondent', label: '回答者（職・氏名）', kind: 'text', short: true, required: true },
        ],
      },
      {
        key: 'projects',
        title: '回答する協働事業',
        intro:
          '昨年度に実施した協働事業ごとに回答してください。記録から名称・形態・相手・内容を入れてあります。違っているところは直し、記録にない事業は追加してください。',
        repeat: 'project',
        condition: { attributes: EXPERIENCED },
        countFigure: { number: 2, title: '課別にみた調査対象事業数' },
        questions: [
          {
            key: 'title',
            label: '名称',
            kind: 'text',
            short: true,
            required: true,
            prefill: 'project.title',
          },
          {
            key: 'form',
            label: '協働の形態',
            kind: 'single',
            choices: MUSASHINO_FORMS,
            required: true,
            prefill: 'project.form',
            figure: { number: 3, title: '協働の形態別でみた調査対象事業の割合' },
          },
          { key: 'partner', label: '協働の相手', kind: 'text', short: true, prefill: 'project.partners' },
          {
            key: 'partner_type',
            label: '協働の相手の組織形態',
            kind: 'single',
            choices: [c('npo', 'NPO法人'), c('other_org', 'その他団体')],
            prefill: 'project.partnerType',
            figure: { number: 4, title: '協働相手の組織形態' },
          },
          { key: 'content', label: '協働事業の内容', kind: 'text', prefill: 'project.purpose' },
          {
            key: 'reason',
            label: '実施するに至った経緯',
            kind: 'multiple',
            other: true,
            prefill: 'project.origin.reason',
            choices: [
              c('effective', '事業内容、事業目的から、協働事業にするほうが、より効果的であると判断した'),
              c('not_direct', '事業内容・事業目的から行政が直轄で実施することが適切ではないと判断した'),
              c('brought_in', 'NPOや市民団体からのテーマの持ち込みがあったため'),
              c('plan', '上位計画等により、市民団体等との協働で実施することが位置づけられていたため'),
            ],
            figure: { number: 5, title: '協働事業を実施した経緯' },
          },
          {
            key: 'setup',
            label: '協働事業の実施体制',
            kind: 'multiple',
            other: true,
            prefill: 'project.origin.setup',
            choices: [
              c('city', '市が発案して実施'),
              c('group', '市民団体等が発案して実施'),
              c('together', '市と市民団体等のやりとりの中からアイデアが生まれて実施'),
            ],
            figure: {
              number: 6,
              title: '協働事業の実施体制',
              cross: { number: 7, title: '協働事業の実施体制（協働の形態別）', by: 'form' },
            },
          },
          {
            key: 'abolished',
            label: '廃止理由',
            kind: 'text',
            condition: { attributes: [3] },
          },
          {
            key: 'outcome',
            label: '協働事業の成果',
            kind: 'single',
            choices: [
              c('yes', '成果が上がっている'),
              c('no', '成果は上がっていない'),
              c('neither', 'どちらとも言えない'),
            ],
            figure: { number: 8, title: '協働事業の成果について' },
          },
          { key: 'scheme', label: '利用した制度', kind: 'text', help: '東京都や市の要綱・補助制度など' },
        ],
      },
      {
        key: 'future',
        title: '今後の協働の進め方等に対する意見',
        condition: { attributes: EXPERIENCED },
        questions: [
          {
            key: 'criteria',
            label: '協働相手の選定等の基準の有無',
            kind: 'single',
            choices: [
              c('rule', '要綱等に団体の基準を定めている'),
              c('own', '事業遂行能力・実績・専門性などを勘案して選定している'),
              c('none', '特に決まった基準はない'),
            ],
            figure: {
              number: 9,
              title: '協働相手の選定基準',
              opinions: { number: 9, title: '協働相手の選定基準（主なもの）', from: ['criteria_text'] },
            },
          },
          { key: 'criteria_text', label: '選定の基準の内容', kind: 'text' },
          {
            key: 'merit',
            label: '協働を進めることによるメリット',
            kind: 'multiple',
            other: true,
            exclusive: 'nothing',
            choices: [
              c('services', '行政だけでは実施できない様々なサービス等の提供が可能となる'),
              c('needs', '地域のニーズ等をきめ細やかに入手し、対応することが可能となる'),
              c('new', '市民団体との協働により新たなサービス提供のきっかけにつながる'),
              c(OTHER, 'その他'),
              c('nothing', '特にない'),
            ],
            figure: {
              number: 10,
              title: '協働を進めることによるメリット',
              opinions: {
                number: 11,
                title: '協働を進めることによるメリットの具体的な内容（主な意見）',
                from: ['merit_text'],
              },
            },
          },
          { key: 'merit_text', label: 'メリットの具体的な内容', kind: 'text' },
          {
            key: 'worry',
            label: '協働を進める上での不安や課題',
            kind: 'multiple',
            other: true,
            exclusive: 'nothing',
            choices: [
              c('role', '市との役割分担や責任所在が不明確となる不安'),
              c('continuity', '団体の事業継続性に対する不安'),
              c('capacity', '団体側の事務処理能力や事業遂行能力への不安'),
              c('budget', '内容の充実等を図る上で十分な予算が確保できない'),
              c('communication', '団体との意思疎通が十分に行えない'),
              c(OTHER, 'その他'),
              c('nothing', '特にない'),
            ],
            figure: {
              number: 12,
              title: '協働を進める上での不安や課題',
              opinions: {
                number: 13,
                title: '協働を進める上での不安や課題の具体的な内容（主な意見）',
                from: ['worry_text'],
              },
            },
          },
          { key: 'worry_text', label: '不安や課題の具体的な内容', kind: 'text' },
          {
            key: 'continue',
            label: '協働の継続意向',
            kind: 'single',
            condition: { attributes: [1, 2] },
            choices: [c('yes', '継続したい'), c('no', '継続する必要性はない'), c('unknown', 'わからない')],
            figure: { number: 14, title: '今後の継続意向' },
          },
          {
            key: 'continue_no',
            label: '継続しない理由',
            kind: 'text',
            condition: { question: 'continue', equals: ['no'] },
          },
        ],
      },
      {
        key: 'intent',
        title: '今後の協働の実施意向',
        intro: '現在協働を実施していない課にうかがいます（属性③は協働の再開の意向として回答してください）。',
        condition: { attributes: [3, 4] },
        questions: [
          {
            key: 'intent',
            label: '今後の協働の実施意向',
            kind: 'single',
            choices: [c('yes', '実施したい'), c('no', '実施したいとは思わない'), c('unknown', 'わからない')],
            figure: { number: 15, title: '今後の協働の実施意向' },
          },
          {
            key: 'intent_forms',
            label: '実施したい協働の形態',
            kind: 'multiple',
            other: true,
            condition: { question: 'intent', equals: ['yes'] },
            choices: MUSASHINO_FORMS.filter((f) => f.code !== 'sponsorship'),
            figure: {
              number: 16,
              title: '今後協働を進める場合の具体的な形態',
              opinions: { number: 16, title: '関連する主な意見', from: ['intent_forms_text'] },
            },
          },
          {
            key: 'intent_forms_text',
            label: 'その形態を選んだ理由',
            kind: 'text',
            condition: { question: 'intent', equals: ['yes'] },
          },
          {
            key: 'intent_no',
            label: '協働を実施したいとは思わない理由',
            kind: 'multiple',
            other: true,
            condition: { question: 'intent', equals: ['no'] },
            choices: [
              c('no_fit', '協働に馴染む事業が思い当たらない'),
              c('no_need', '協働の必要性を感じない'),
              c('system', '制度上の問題がある'),
              c('info', '市民活動団体等に対する情報が足りない'),
              c('capacity', '市民活動団体等の組織や運営能力に不安がある'),
              c('staff', '職員の中で理解が進んでいない'),
            ],
            figure: {
              number: 17,
              title: '協働を実施したいとは思わない理由',
              opinions: {
                number: 18,
                title: '協働を実施したいとは思わない具体的な理由（主な意見）',
                from: ['intent_no_text'],
              },
            },
          },
          {
            key: 'intent_no_text',
            label: '実施したいとは思わない具体的な理由',
            kind: 'text',
            condition: { question: 'intent', equals: ['no'] },
          },
        ],
      },
      {
        key: 'improve',
        title: '今後の改善方策',
        questions: [
          {
            key: 'request',
            label: '市民団体等に改善を求める内容',
            kind: 'multiple',
            other: true,
            choices: [
              c('people', '人材の育成'),
              c('management', '団体の組織運営能力の蓄積'),
              c('planning', '企画力の向上'),
              c('knowhow', '専門知識やノウハウの蓄積'),
              c('network', '各種団体間とのネットワークの形成'),
            ],
            figure: {
              number: 19,
              title: '市民団体等に改善を求める内容',
              cross: {
                number: 20,
                title: '市民団体等に改善を求める内容（協働実績の有無別）',
                by: BY_EXPERIENCE,
              },
              opinions: {
                number: 21,
                title: '市民団体等に改善を求める具体的な内容（主な意見）',
                from: ['request_text'],
              },
            },
          },
          { key: 'request_text', label: '市民団体等に改善を求める具体的な内容', kind: 'text' },
          {
            key: 'admin',
            label: '行政として取り組む必要があると思われること',
            kind: 'multiple',
            other: true,
            choices: [
              c('awareness', '職員の協働に対する意識の啓発および向上'),
              c('nurture', '市民団体等の育成'),
              c('coordination', '企画調整力の向上'),
              c('forum', '行政と市民団体相互の理解の促進のための意見交換の場の設置'),
              c('rules', '行政と市民団体相互の理解の促進のためのルールの整備'),
              c('expertise', '業務内容に関する専門性の向上'),
              c('transfer', '人事異動についての配慮'),
              c('network', '市民活動団体等とのネットワークの形成'),
            ],
            figure: {
              number: 22,
              title: '行政として取り組む必要があると思われること',
              cross: {
                number: 23,
                title: '行政として取り組む必要があると思われること（協働実績の有無別）',
                by: BY_EXPERIENCE,
              },
              opinions: {
                number: 24,
                title: '行政として取り組む必要があると思われる具体的な内容（主な意見）',
                from: ['admin_text'],
              },
            },
          },
          { key: 'admin_text', label: '行政として取り組む必要があると思われる具体的な内容', kind: 'text' },
          {
            key: 'free',
            label: 'その他自由意見',
            kind: 'text',
            figure: {
              number: 25,
              title: 'その他の自由意見',
              opinions: { number: 25, title: 'その他の自由意見（主なもの）', from: ['free'] },
            },
          },
        ],
      },
    ],
  }
}
