import { sql } from 'drizzle-orm'
import type { Db } from './index.ts'

/**
 * The application's own database role (PostgreSQL; issue 11 item 8). The tables belong to the
 * role that runs the migrations (KYODO_MIGRATE_DATABASE_URL); the application connects
 * (DATABASE_URL) as a role that may read and write rows and nothing else: it cannot ALTER a
 * table, so it cannot DISABLE TRIGGER, and on audit_log it may only SELECT and INSERT. The chain
 * head is written by the audit trigger (SECURITY DEFINER, as the owner), never by the app.
 *
 * The statements are run by the owner (`kyodo db grant-app-role NAME`), once after creating the
 * role and again after a migration that adds tables only if the owner changed (ALTER DEFAULT
 * PRIVILEGES covers the tables the owner creates later).
 */
export function appRoleStatements(role: string): string[] {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role))
    throw new Error(`role name must be lower-case letters, digits and _ (got ${JSON.stringify(role)})`)
  return [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `REVOKE CREATE ON SCHEMA public FROM ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    `REVOKE ALL ON audit_log, audit_chain_head FROM ${role}`,
    `GRANT SELECT, INSERT ON audit_log TO ${role}`,
    `GRANT SELECT ON audit_chain_head TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${role}`,
  ]
}

/** Runs appRoleStatements as the connected (owner) role, in one transaction. The role must exist. */
export async function grantAppRole(db: Db, role: string): Promise<string[]> {
  const statements = appRoleStatements(role)
  await db.transaction(async (tx) => {
    for (const s of statements) await tx.execute(sql.raw(s))
  })
  return statements
}
