import nodemailer from 'nodemailer'
import { outbox } from './schema.ts'
import { eq } from 'drizzle-orm'
import type { Ctx } from '../context.ts'
import { logger } from '../logger.ts'

let transport: ReturnType<typeof nodemailer.createTransport> | null | undefined

function getTransport(url: string | undefined) {
  if (transport === undefined) transport = url ? nodemailer.createTransport(url) : null
  return transport
}

/**
 * Send a mail: always kept in the outbox (so nothing is lost and administrators can read it);
 * delivered by SMTP when SMTP_URL is configured.
 */
export async function sendMail(
  ctx: Pick<Ctx, 'db' | 'tenantId' | 'config'>,
  msg: { to: string; subject: string; body: string; headers?: Record<string, string> },
) {
  const t = getTransport(ctx.config.SMTP_URL)
  const [row] = await ctx.db
    .insert(outbox)
    .values({
      municipalityId: ctx.tenantId,
      ...msg,
      headers: msg.headers ?? {},
      status: t ? 'queued' : 'stored',
    })
    .returning({ id: outbox.id })
  if (!t) return
  try {
    await t.sendMail({
      from: ctx.config.MAIL_FROM,
      to: msg.to,
      subject: msg.subject,
      text: msg.body,
      headers: msg.headers,
    })
    await ctx.db.update(outbox).set({ status: 'sent', sentAt: new Date() }).where(eq(outbox.id, row.id))
  } catch (err: any) {
    logger.warn({ err: err.message }, 'mail delivery failed')
    await ctx.db
      .update(outbox)
      .set({ status: 'failed', error: String(err.message).slice(0, 500) })
      .where(eq(outbox.id, row.id))
  }
}
