import type { Transaction } from 'kysely';
import type { User } from '../../accounts/accounts.model.js';
import type { AuditLog } from '../../audit/audit-log.js';
import type { Clock } from '../../clock.js';
import type { Config } from '../../config.js';
import type { Database, Db } from '../../db/schema.js';
import type { BatchedWrite } from '../../db/write-batch.js';
import type { Mailer } from '../../mail/mailer.js';
import { newSignInEmail } from '../../mail/templates/new-sign-in.js';
import { SITE_NAMES, type SiteId } from '../../site-id.js';
import { summariseUserAgent } from '../session/user-agent.js';
import type { SessionMeta } from '../session/session.service.js';
import { generateToken, hashToken, looksLikeToken } from '../tokens.js';
import { knownDevicesRepository } from './known-devices.repository.js';

/** Devices remembered per user; older ones are forgotten (and would count as new again). */
const MAX_DEVICES_PER_USER = 50;

export interface DeviceMeta extends SessionMeta {
  /** The browser's device cookie, if it sent one. */
  deviceToken?: string | null;
}

/**
 * Recognises the browser a sign-in comes from by a long-lived random cookie (one per site, shared by
 * everyone who uses that browser), remembered hashed per user. A sign-in from a browser the user has
 * not used before gets a "New sign-in" email, except when the user has no remembered device at all:
 * that is the first sign-in of a new account (always a new device), or the first since this feature
 * was installed, and an email then would only teach people to ignore it.
 */
export class DeviceService {
  constructor(
    private readonly clock: Clock,
    private readonly config: Pick<Config, 'timeZone' | 'supportEmail'>,
    private readonly audit: AuditLog,
    private readonly mailer: Mailer,
    private readonly site: SiteId,
  ) {}

  /** The browser's device token (its cookie's, or a new one when it has none) and the hash it is remembered by. */
  identify(meta: DeviceMeta): { token: string; hash: string } {
    const token = looksLikeToken(meta.deviceToken) ? meta.deviceToken : generateToken();
    return { token, hash: hashToken(token) };
  }

  /** Read in a batch (readBatch), it gives the user's id when the user has signed in from this device before. */
  knownRead(db: Db, userId: number, device: { hash: string }) {
    return knownDevicesRepository.knownQuery(db, userId, device.hash);
  }

  /**
   * For a device known to be the user's (knownRead): the record of this sign-in, as a write to batch with the
   * other writes of the sign-in. A device not known goes through recognise(), which may send an email.
   */
  touchWrite(db: Db, userId: number, device: { hash: string }, meta: DeviceMeta): BatchedWrite {
    const userAgent = meta.userAgent?.slice(0, 300) ?? null;
    return { query: knownDevicesRepository.touchQuery(db, userId, device.hash, this.clock.now(), userAgent) };
  }

  /** Call in the transaction that completes a sign-in; returns the device cookie to (re)set. */
  async recognise(trx: Transaction<Database>, user: User, meta: DeviceMeta): Promise<string> {
    const { token, hash } = this.identify(meta);
    const now = this.clock.now();
    const userAgent = meta.userAgent?.slice(0, 300) ?? null;
    if (await knownDevicesRepository.touch(trx, user.id, hash, now, userAgent)) return token;

    const remembered = await knownDevicesRepository.countForUser(trx, user.id);
    await knownDevicesRepository.insert(trx, user.id, hash, now, userAgent);
    await knownDevicesRepository.prune(trx, user.id, MAX_DEVICES_PER_USER);
    if (remembered === 0) return token;

    const device = summariseUserAgent(meta.userAgent);
    await this.audit.record(trx, {
      event: 'login.new_device',
      actor: { userId: user.id, username: user.username, ip: meta.ip },
      subject: { id: user.id, username: user.username },
      details: { device, emailed: user.email !== null },
    });
    if (user.email) {
      const message = newSignInEmail({
        siteName: SITE_NAMES[this.site],
        username: user.username,
        signedInAt: now,
        timeZone: this.config.timeZone,
        ip: meta.ip,
        device,
        supportEmail: this.config.supportEmail,
      });
      await this.mailer.enqueue(trx, { to: user.email, template: 'new-sign-in', ...message });
    }
    return token;
  }
}
