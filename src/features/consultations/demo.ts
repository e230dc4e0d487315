import { randomToken, sha256 } from '../../core/auth/crypto.ts'
import type { DemoEnv } from '../../core/demo.ts'
import { ymdInTokyo } from '../../core/japanese/index.ts'
import { receiptNo, receiptYear } from './domain.ts'
import {
  consultationAssignments,
  consultationMessages,
  consultations,
  consultationTemplates,
} from './schema.ts'

const DAY = 86_400_000
const ago = (days: number) => new Date(Date.now() - days * DAY)
const dayOffset = (days: number) => ymdInTokyo(new Date(Date.now() + days * DAY))

/**
 * Consultations of the demo city (order 55, after needs and news): one just received, one in review
 * at 高齢者支援課 and past its due date, one answered, one closed; three reply templates. The status
 * links' tokens are random and thrown away (demo senders have no mailbox); no mail goes to the outbox.
 */
export async function consultationsDemo(env: DemoEnv) {
  const { ctx } = env
  const t = ctx.tenantId
  const dep = (name: string) => env.departments.get(name) ?? null
  const year = receiptYear()
  await ctx.db.insert(consultationTemplates).values([
    {
      municipalityId: t,
      title: '担当課におつなぎしました',
      body: 'ご相談ありがとうございます。内容を確認し、担当の課におつなぎしました。担当課から改めてご連絡します。',
      createdBy: env.users.coordinator,
    },
    {
      municipalityId: t,
      title: '面談のご案内',
      body: 'ご相談ありがとうございます。詳しくお話を伺いたいので、市民協働推進課の窓口で面談をお願いできますか。ご都合のよい日時を2、3候補お知らせください。',
      createdBy: env.users.coordinator,
    },
    {
      municipalityId: t,
      title: '協働ニーズへのご案内',
      body: 'ご相談の内容に近い協働ニーズが市から公開されています。協働ポータルの「協働ニーズ」から「関心があります」を送っていただくと、担当課からご連絡します。',
      createdBy: env.users.coordinator,
    },
  ])
  const rows = [
    {
      text: '地域の集会所で、ひとり暮らしのお年寄りが集まれるお茶会を月に一度開きたいのですが、どこに相談すればよいですか。',
      senderKind: 'group',
      name: '山田 花子',
      email: 'hanako.yamada@example.jp',
      groupName: '西久保お茶会の会',
      status: 'reviewing',
      dep: '高齢者支援課',
      dueOn: dayOffset(-2),
      createdAt: ago(9),
      field: 'health_welfare',
    },
    {
      text: '子ども食堂を始めたいと考えています。調理のできる場所を借りる方法と、使える補助金を教えてください。',
      senderKind: 'resident',
      name: '鈴木 一郎',
      email: 'ichiro.suzuki@example.jp',
      groupName: '',
      status: 'answered',
      dep: '子ども家庭課',
      dueOn: dayOffset(5),
      createdAt: ago(20),
      field: 'children',
      reply:
        '子ども家庭課です。ご相談ありがとうございます。市内の地域センターの調理室は団体登録のうえで借りられます。子ども食堂の立ち上げには「子どもの居場所づくり補助金」がご利用いただけます。詳しくは窓口でご説明します。',
    },
    {
      text: '会社として、社員が地域の清掃活動に参加できる機会を探しています。',
      senderKind: 'business',
      name: '田中 健',
      email: 'ken.tanaka@example.co.jp',
      groupName: '株式会社むさしのサンプル',
      status: 'closed',
      dep: null,
      dueOn: null,
      createdAt: ago(45),
      field: '',
      reply:
        'ご相談ありがとうございます。清掃活動をしている団体を2つご紹介しました。今後もお気軽にご相談ください。',
    },
    {
      text: '公園の花壇の手入れを近所の人たちと続けたいのですが、市と一緒にできる仕組みはありますか。',
      senderKind: 'resident',
      name: '佐々木 由美',
      email: 'yumi.sasaki@example.jp',
      groupName: '',
      status: 'received',
      dep: null,
      dueOn: null,
      createdAt: ago(1),
      field: '',
    },
  ] as const
  let seq = 0
  for (const r of rows) {
    seq++
    const depId = r.dep ? dep(r.dep) : null
    const [c] = await ctx.db
      .insert(consultations)
      .values({
        municipalityId: t,
        receiptNo: receiptNo(year, seq),
        year,
        seq,
        text: r.text,
        senderKind: r.senderKind,
        name: r.name,
        email: r.email,
        groupName: r.groupName,
        destination: 'office',
        status: r.status,
        field: r.field,
        dueOn: r.dueOn,
        tokenHash: sha256(randomToken()),
        createdAt: r.createdAt,
        updatedAt: r.createdAt,
        answeredAt: 'reply' in r ? new Date(r.createdAt.getTime() + 3 * DAY) : null,
        closedAt: r.status === 'closed' ? new Date(r.createdAt.getTime() + 5 * DAY) : null,
        // the overdue one was already reminded today, so the first job run mails nobody at start-up
        remindedAt: r.status === 'reviewing' ? new Date() : null,
      })
      .returning()
    if (depId)
      await ctx.db.insert(consultationAssignments).values({
        municipalityId: t,
        consultationId: c.id,
        departmentId: depId,
        assignedBy: env.users.coordinator,
        createdAt: new Date(r.createdAt.getTime() + DAY),
      })
    if ('reply' in r)
      await ctx.db.insert(consultationMessages).values({
        municipalityId: t,
        consultationId: c.id,
        kind: 'reply',
        body: r.reply,
        departmentId: depId,
        authorId: depId ? null : env.users.coordinator,
        createdAt: new Date(r.createdAt.getTime() + 3 * DAY),
      })
    if (r.status === 'reviewing')
      await ctx.db.insert(consultationMessages).values({
        municipalityId: t,
        consultationId: c.id,
        kind: 'note',
        body: '集会所の利用は地域の運営委員会の了解が必要。高齢者支援課の見守りサロン事業に合いそう。',
        authorId: env.users.coordinator,
        createdAt: new Date(r.createdAt.getTime() + DAY),
      })
  }
}
