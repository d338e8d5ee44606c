import crypto from 'node:crypto';
import path from 'node:path';
import { createTransport } from 'nodemailer';
import { ensurePrivateDir, writePrivateFileAtomically } from '../files/private-files.js';

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface MailTransport {
  send(message: MailMessage): Promise<void>;
  /** Where mail goes, for the startup log; never includes credentials. */
  describe(): string;
  close(): void;
}

export interface MailTransportLog {
  info(obj: object, msg: string): void;
}

/** A delivery failure whose message has had the SMTP credentials removed; safe to log and store. */
export class MailTransportError extends Error {
  override name = 'MailTransportError';
  readonly code: string | undefined;
  readonly responseCode: number | undefined;

  constructor(message: string, code?: string, responseCode?: number) {
    super(message);
    this.code = code;
    this.responseCode = responseCode;
  }
}

// Short, so a dead SMTP server costs the worker seconds, not nodemailer's default minutes.
const SMTP_TIMEOUT_MS = 10_000;

/** SMTP when SMTP_URL is set; otherwise each message becomes an .eml file an admin can open. */
export function createMailTransport(options: {
  smtpUrl?: string;
  mailDir: string;
  log: MailTransportLog;
}): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl) : fileTransport(options.mailDir, options.log);
}

function smtpTransport(smtpUrl: string): MailTransport {
  const transporter = createTransport({
    url: smtpUrl,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  });
  const secrets = urlSecrets(smtpUrl);
  return {
    async send(message) {
      try {
        // The envelope names the one stored address, whatever a header could be read to say.
        await transporter.sendMail({ ...message, envelope: { from: message.from, to: [message.to] } });
      } catch (error) {
        throw sanitizedError(error, secrets);
      }
    },
    describe: () => `SMTP ${redactSmtpUrl(smtpUrl)}`,
    close: () => transporter.close(),
  };
}

function fileTransport(mailDir: string, log: MailTransportLog): MailTransport {
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await composer.sendMail(message);
      ensurePrivateDir(mailDir);
      const name = `${new Date().toISOString().replace(/:/g, '-')}-${slug(message.subject)}-${crypto.randomBytes(2).toString('hex')}.eml`;
      const file = path.join(mailDir, name);
      // The message may hold a working reset link.
      await writePrivateFileAtomically(file, info.message as Buffer);
      log.info({ file }, 'mail written to file (no SMTP_URL configured)');
    },
    describe: () => `.eml files in ${mailDir} (no SMTP_URL configured)`,
    close: () => composer.close(),
  };
}

function slug(subject: string): string {
  const text = subject
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return text || 'message';
}

/** `smtp://user:pass@host:587/?x=y` → `smtp://***@host:587`; user names are often API keys too. */
export function redactSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    const credentials = url.username || url.password ? '***@' : '';
    return `${url.protocol}//${credentials}${url.host}`;
  } catch {
    return smtpUrl.replace(/\/\/[^@/]*@/, '//***@').replace(/[?#].*$/, '');
  }
}

function urlSecrets(smtpUrl: string): string[] {
  try {
    const url = new URL(smtpUrl);
    const raw = [url.username, url.password];
    return [...raw, ...raw.map((part) => safeDecode(part))].filter((part) => part.length >= 3);
  } catch {
    return [];
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function sanitizedError(error: unknown, secrets: string[]): MailTransportError {
  const source = error as { message?: unknown; code?: unknown; responseCode?: unknown } | null;
  let message = typeof source?.message === 'string' ? source.message : String(error);
  for (const secret of secrets) message = message.split(secret).join('***');
  const code = typeof source?.code === 'string' ? source.code : undefined;
  const responseCode = typeof source?.responseCode === 'number' ? source.responseCode : undefined;
  return new MailTransportError(message, code, responseCode);
}
