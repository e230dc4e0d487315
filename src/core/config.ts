import { z } from 'zod'

/** Environment, validated once at start-up. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  /**
   * The table owner's URL, for migrations (start-up and `kyodo migrate`), when DATABASE_URL names
   * an application role that may only read and write rows (`kyodo db grant-app-role NAME`).
   */
  KYODO_MIGRATE_DATABASE_URL: z.string().optional(),
  KYODO_DATA_DIR: z.string().default('./data'),
  /** '0' turns off loading the demo city on first start. */
  KYODO_DEMO: z.enum(['0', '1']).default('1'),
  /** Public base URL used in mails (links to verify, reset, invitations). */
  KYODO_BASE_URL: z.string().optional(),
  /** Set when Kyodo is served over https (enables Secure/__Host- cookies and HSTS). */
  KYODO_HTTPS: z.enum(['0', '1']).default('0'),
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy. */
  KYODO_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /**
   * How many reverse proxies append to X-Forwarded-For; the client address is the N-th entry
   * from the right. Default: 1 when KYODO_TRUST_PROXY=1, else 0 (the socket address).
   */
  KYODO_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).optional(),
  /** '0' turns off the scheduled jobs in this process (run them in one process only, if you like). */
  KYODO_JOBS: z.enum(['0', '1']).default('1'),
  /** Scheduled backups (this process, when KYODO_JOBS=1): every N hours, 0 = off. */
  KYODO_BACKUP_EVERY_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 31)
    .default(24),
  /** How many scheduled backups to keep (the newest); older kyodo-*.tar.gz in the folder are removed. */
  KYODO_BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
  /**
   * Where backups go (scheduled, and `kyodo backup` without a FILE); default KYODO_DATA_DIR/backups.
   * In production point it at another disk or a mounted remote folder.
   */
  KYODO_BACKUP_DIR: z.string().optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Kyodo <no-reply@kyodo.invalid>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Session time-outs in minutes. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(60),
  SESSION_ABSOLUTE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60),
})

export type Config = z.infer<typeof envSchema>

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return parsed.data
}
