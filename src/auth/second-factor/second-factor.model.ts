/** A user's authenticator app: the TOTP secret, sealed with the site's key, and the last time step used. */
export interface SecondFactor {
  userId: number;
  totpSecretSealed: string;
  /** The time step of the last accepted code: a code works once. */
  lastUsedStep: number | null;
  enabledAt: Date;
}

/** An unused recovery code, as stored: only its argon2id hash. */
export interface RecoveryCode {
  id: number;
  codeHash: string;
}
