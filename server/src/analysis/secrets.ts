// Which buffers hold secret material, shared by the C and Go front ends (ossl-cleanse). A derived key or a
// passphrase is a secret by what the API writes; random bytes only when they become key material.
import type { Access } from './ir';

export type SecretRole = 'key' | 'iv' | 'passphrase' | 'random';

/** The words of a buffer's name: `session_key` → session, key; `hmacKey` → hmac, key; `c.key` → c, key. */
function nameWords(buffer: Access): string[] {
  return buffer
    .split(/[_.>-]+|(?<=[a-z])(?=[A-Z])/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const PUBLIC_WORD = /^(iv|ivec|nonce|salt|tag|pad|padding|challenge|cookie|id)$/;
const PASSWORD_WORD = /^(pass|passwd|password|passphrase|pw|pwd|pin|phrase|secret)/;
const KEY_WORD = /^(key|keys|secret|priv|private|seed|psk|master|kek|dek|hmackey)/;

/**
 * IVs, nonces and salts are public; random bytes are a secret only when the buffer is passed as a key
 * (`isKeyBuffer`: EVP_EncryptInit_ex's key, HMAC's key, …) or named like one. `api` is the canonical C name.
 */
export function holdsSecret(api: string, buffer: Access, role: SecretRole, isKeyBuffer: boolean): boolean {
  const words = nameWords(buffer);
  switch (role) {
    case 'key':
      return true;
    case 'iv':
      return false;
    case 'passphrase':
      // fgets reads anything: only a buffer named like a password is one.
      return api !== 'fgets' || words.some((w) => PASSWORD_WORD.test(w));
    case 'random':
      if (isKeyBuffer) return true;
      return !words.some((w) => PUBLIC_WORD.test(w)) && words.some((w) => KEY_WORD.test(w) || /key$/.test(w));
  }
}

/**
 * Where the length of the secret buffer is, by API (argument index; `null`: not an argument, e.g.
 * EVP_BytesToKey's key length comes from the cipher). APIs not listed: the argument next to the buffer.
 */
const LENGTH_ARG: Record<string, number | null> = {
  PKCS5_PBKDF2_HMAC: 6,
  PKCS5_PBKDF2_HMAC_SHA1: 5,
  EVP_BytesToKey: null,
  EVP_PBE_scrypt: 9,
  EVP_KDF_derive: 2,
  EVP_PKEY_derive: 2,
  EVP_PKEY_get_raw_private_key: 2,
  EVP_CIPHER_CTX_rand_key: null,
  RAND_bytes: 1,
  RAND_priv_bytes: 1,
  RAND_bytes_ex: 2,
  RAND_priv_bytes_ex: 2,
  ECDH_compute_key: 1,
  DH_compute_key: null,
  DH_compute_key_padded: null,
  HKDF: 1,
  HKDF_extract: 1,
  HKDF_expand: 1,
  EVP_read_pw_string: 1,
  EVP_read_pw_string_min: 2,
  fgets: 1,
  readpassphrase: 2,
};

/** Candidate argument indices holding the length of the secret written into argument `bufferArg`. */
export function secretLengthArgs(api: string, bufferArg: number): number[] {
  if (api in LENGTH_ARG) {
    const i = LENGTH_ARG[api];
    return i === null || i === undefined ? [] : [i];
  }
  return [bufferArg - 1, bufferArg + 1];
}

/** Passphrase readers that return 0 on success (and non-zero on error or cancel), unlike OpenSSL's usual 1. */
const ZERO_IS_SUCCESS = new Set(['EVP_read_pw_string', 'EVP_read_pw_string_min', 'UI_UTIL_read_pw_string', 'UI_UTIL_read_pw']);

export function statusZeroIsSuccess(api: string): boolean {
  return ZERO_IS_SUCCESS.has(api);
}
