import type { Db } from '../../db/schema.js';
import type { RecoveryCode, SecondFactor } from './second-factor.model.js';

/** The only place that reads or writes second_factors and recovery_codes. */
export const secondFactorsRepository = {
  async find(db: Db, userId: number): Promise<SecondFactor | undefined> {
    const row = await db.selectFrom('second_factors').selectAll().where('user_id', '=', userId).executeTakeFirst();
    return row && { userId: row.user_id, totpSecretSealed: row.totp_secret_sealed, lastUsedStep: row.last_used_step, enabledAt: row.enabled_at };
  },

  async exists(db: Db, userId: number): Promise<boolean> {
    const row = await secondFactorsRepository.existsQuery(db, userId).executeTakeFirst();
    return row !== undefined;
  },

  /** The user's id when they have a second factor, as a single-value read (src/db/read-batch.ts). */
  existsQuery(db: Db, userId: number) {
    return db.selectFrom('second_factors').select('user_id').where('user_id', '=', userId);
  },

  /** Replaces any earlier factor of the user. */
  async save(db: Db, factor: SecondFactor): Promise<void> {
    await db.deleteFrom('second_factors').where('user_id', '=', factor.userId).execute();
    await db
      .insertInto('second_factors')
      .values({ user_id: factor.userId, totp_secret_sealed: factor.totpSecretSealed, last_used_step: factor.lastUsedStep, enabled_at: factor.enabledAt })
      .execute();
  },

  /** True when something was deleted. */
  async delete(db: Db, userId: number): Promise<boolean> {
    const result = await db.deleteFrom('second_factors').where('user_id', '=', userId).executeTakeFirst();
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    return Number(result.numDeletedRows) > 0;
  },

  /**
   * Records that a code for `step` was used, only if no code for that step or a later one was: one
   * conditional update, so of two racing submissions of the same code exactly one succeeds.
   */
  async claimStep(db: Db, userId: number, step: number): Promise<boolean> {
    const row = await db
      .updateTable('second_factors')
      .set({ last_used_step: step })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .returning('user_id')
      .executeTakeFirst();
    return row !== undefined;
  },

  async replaceRecoveryCodes(db: Db, userId: number, hashes: readonly string[], at: Date): Promise<void> {
    await db.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    if (hashes.length === 0) return;
    await db
      .insertInto('recovery_codes')
      .values(hashes.map((code_hash) => ({ user_id: userId, code_hash, created_at: at })))
      .execute();
  },

  async unusedRecoveryCodes(db: Db, userId: number): Promise<RecoveryCode[]> {
    const rows = await db
      .selectFrom('recovery_codes')
      .select(['id', 'code_hash'])
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, codeHash: r.code_hash }));
  },

  async countUnusedRecoveryCodes(db: Db, userId: number): Promise<number> {
    const row = await db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  /** Spends a code; false when it was spent meanwhile (a racing submission won). */
  async markRecoveryCodeUsed(db: Db, id: number, at: Date): Promise<boolean> {
    const row = await db
      .updateTable('recovery_codes')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return row !== undefined;
  },
};
