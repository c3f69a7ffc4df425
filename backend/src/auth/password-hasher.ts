import argon2 from 'argon2';

/** argon2id with the library's defaults (OWASP-grade memory cost). */
export const passwordHasher = {
  hash: (password: string) => argon2.hash(password, { type: argon2.argon2id }),
  verify: (hash: string, password: string) => argon2.verify(hash, password),
};

// Verifying against this when the account does not exist keeps the timing of both answers alike.
export const DECOY_HASH = await passwordHasher.hash('decoy-password-never-matches');
