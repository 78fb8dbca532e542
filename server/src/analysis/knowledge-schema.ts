// Schema of the API knowledge base (rules/knowledge/*.json and a user's .osslint.json).
// Argument indexes are zero-based. Every built-in entry cites the manual page it was checked against.
import { z } from 'zod';

const argIndex = z.number().int().min(0).max(15);

export const knowledgeEntrySchema = z
  .object({
    /** Exact function (or macro) name. Exactly one of name / pattern. */
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/).optional(),
    /** Anchored regular expression over the function name, e.g. "^sk_[A-Za-z0-9_]+_push$". */
    pattern: z.string().optional(),
    /** Grouping for reports: SSL, BIO, X509, EVP_PKEY, libc, cgo, ... */
    family: z.string().min(1),
    /** The result is an owned object; any of `release` frees it. */
    returnsOwned: z
      .object({
        release: z.array(z.string()).min(1),
        /** Resource kind when it needs its own rule (X509_STORE_CTX). */
        kind: z.enum(['X509_STORE_CTX']).optional(),
      })
      .strict()
      .optional(),
    /** With a non-NULL argument `fillsArg` the call fills that object or buffer and returns it: nothing is
     * allocated (BN_bin2bn(s, n, ret), X509_NAME_oneline(name, buf, size)). Only a NULL there allocates. */
    fillsArg: argIndex.optional(),
    /** Allocates into `*args[arg]` (e.g. i2d_X509(x, &der), BIO_new_bio_pair(&a, 0, &b, 0)). */
    outParams: z
      .array(
        z
          .object({
            arg: argIndex,
            release: z.array(z.string()).min(1),
            /** An object already in `*args[arg]` is reused or reallocated (getline, BN_hex2bn): tracking of it ends at the call. */
            reuses: z.literal(true).optional(),
            /** Allocated even when the call reports failure (getline returning -1): its status says nothing of it. */
            evenOnFailure: z.literal(true).optional(),
          })
          .strict(),
      )
      .optional(),
    /** Fails (returns NULL) only when memory runs out: a path through its failure is an allocation-failure path. */
    failsOnlyOnAllocation: z.literal(true).optional(),
    /** Fails only when one of these arguments is NULL: with all of them non-NULL its failure branch is not taken. */
    failsOnlyWhenNull: z.array(argIndex).min(1).optional(),
    /** Releases these arguments (NULL-safe). */
    releases: z.array(argIndex).optional(),
    /** Takes ownership of these arguments; 'success' means only when the call reports success (non-zero). */
    takes: z
      .object({
        args: z.array(argIndex).min(1),
        when: z.enum(['always', 'success']),
        /** The new holder keeps it reachable, yet releasing it ourselves afterwards is still correct (a BIO pushed
         * on a chain may be freed alone; a failed hash-table insert is only reported by lh_TYPE_error). */
        weak: z.literal(true).optional(),
      })
      .strict()
      .optional(),
    /** Copies or up-refs these arguments; the caller still owns them (documentation; no effect). */
    copies: z.array(argIndex).optional(),
    /** The result is borrowed from argument `from`: never freed, invalid once that owner is released. */
    borrowedFrom: argIndex.optional(),
    /** Increments the reference count of this argument: one more release is owed. */
    upRef: argIndex.optional(),
    /** The call never returns (exit, abort, longjmp-style raise). */
    noreturn: z.literal(true).optional(),
    /** Wipes argument `arg` (OPENSSL_cleanse, explicit_bzero, ...). */
    wipes: argIndex.optional(),
    /** Initialises argument `arg` in place; a second initialisation needs `resets` first (X509_STORE_CTX_init). */
    initializes: argIndex.optional(),
    /** Undoes the initialisation of argument `arg` without freeing it (X509_STORE_CTX_cleanup). */
    resets: argIndex.optional(),
    /** Arguments that receive key material (a buffer passed here holds a secret). */
    keyArgs: z.array(argIndex).optional(),
    /** Writes secret material into argument `arg` (key derivation, passphrase read). */
    writesSecret: z
      .array(z.object({ arg: argIndex, role: z.enum(['key', 'iv', 'passphrase', 'random']) }).strict())
      .optional(),
    /** Manual page the entry was checked against. */
    doc: z.string().min(1),
    note: z.string().optional(),
  })
  .strict()
  .refine((e) => (e.name === undefined) !== (e.pattern === undefined), {
    message: 'an entry needs exactly one of "name" or "pattern"',
  });

export const knowledgeFileSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    /** cgo wrapper prefixes: C.go_openssl_EVP_PKEY_new is looked up as EVP_PKEY_new. */
    wrapperPrefixes: z.array(z.string()).optional(),
    entries: z.array(knowledgeEntrySchema),
  })
  .strict();

export type KnowledgeEntry = z.infer<typeof knowledgeEntrySchema>;
export type KnowledgeFile = z.infer<typeof knowledgeFileSchema>;
