#include <stdio.h>
#include <stdlib.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/safestack.h>
#include <openssl/x509.h>

/* The same flag decides the allocation and the release: both tests take the same branch. */
int dump(X509 *x, int verbose)
{
    BIO *out = NULL;
    if (x == NULL)
        return -1;
    if (verbose)
        // ok: ossl-leak
        out = BIO_new_fp(stdout, BIO_NOCLOSE);
    if (X509_get_version(x) < 0)
        goto end;
    X509_print_fp(stdout, x);
end:
    if (verbose) {
        X509_print(out, x);
        BIO_free(out);
    }
    return 0;
}

/* A local set once from a call is as stable as a parameter. */
int dump_env(X509 *x)
{
    int debug = getenv("DEBUG") != NULL;
    BIO *out = NULL;
    if (debug != 0)
        // ok: ossl-leak
        out = BIO_new_fp(stderr, BIO_NOCLOSE);
    X509_print_fp(stdout, x);
    if (debug)
        BIO_free(out);
    return 0;
}

/* Different flags: the release can be skipped while the object exists. */
int dump_mismatch(X509 *x, int verbose, int quiet)
{
    BIO *out = NULL;
    if (verbose)
        // ruleid: ossl-leak
        out = BIO_new_fp(stdout, BIO_NOCLOSE);
    X509_print_fp(stdout, x);
    if (!quiet)
        BIO_free(out);
    return 0;
}

/* The flag is written between the tests: its old value says nothing. */
int dump_rewritten(X509 *x, int verbose)
{
    BIO *out = NULL;
    if (verbose)
        // ruleid: ossl-leak
        out = BIO_new_fp(stdout, BIO_NOCLOSE);
    verbose = X509_get_version(x) == 2;
    if (verbose)
        BIO_free(out);
    return 0;
}

/* bn_mpi.c BN_mpi2bn: allocated only when the caller passed none, freed under the same test. */
BIGNUM *mpi_to_bn(const unsigned char *d, int n, BIGNUM *ain)
{
    BIGNUM *a = NULL;
    if (ain == NULL) {
        // ok: ossl-leak
        if ((a = BN_new()) == NULL)
            return NULL;
    } else
        a = ain;
    if (BN_bin2bn(d, n, a) == NULL)
        goto err;
    return a;
err:
    if (ain == NULL)
        BN_free(a);
    return NULL;
}

/* x509_trs.c X509_TRUST_add: a status assigned once, by a statement of its own, then tested twice. */
typedef struct {
    int id;
    int flags;
} TRUST_ENTRY;
extern STACK_OF(TRUST_ENTRY) *trust_table;
extern TRUST_ENTRY *trust_get(int idx);
extern int trust_find(int id);

int trust_add(int id, int flags)
{
    TRUST_ENTRY *t;
    int idx;

    idx = trust_find(id);
    if (idx == -1) {
        // ok: mem-leak
        if ((t = malloc(sizeof(*t))) == NULL)
            return 0;
    } else
        t = trust_get(idx);
    t->id = id;
    t->flags = flags;
    if (idx == -1) {
        if (!sk_TRUST_ENTRY_push(trust_table, t)) {
            free(t);
            return 0;
        }
    }
    return 1;
}

/* The status is written again between its tests: no longer one value. */
int trust_add_rewritten(int id, int flags)
{
    TRUST_ENTRY *t;
    int idx;

    idx = trust_find(id);
    if (idx == -1) {
        // ruleid: mem-leak
        if ((t = malloc(sizeof(*t))) == NULL)
            return 0;
    } else
        t = trust_get(idx);
    t->id = id;
    idx = trust_find(flags);
    if (idx == -1) {
        if (!sk_TRUST_ENTRY_push(trust_table, t)) {
            free(t);
            return 0;
        }
    }
    return 1;
}

/* ocsp_vfy.c OCSP_basic_verify: the same test of a parameter's field decides the copy and its release. */
struct basic_resp {
    STACK_OF(X509) *certs;
};

int verify_with(struct basic_resp *bs, STACK_OF(X509) *certs, unsigned long flags, int (*verify)(STACK_OF(X509) *))
{
    STACK_OF(X509) *untrusted = NULL;
    int ret = -1, i, a = 0, b = 0, c = 0;

    if (flags & 1)
        a = 1;
    if (flags & 2)
        b = 2;
    if (flags & 4)
        c = 3;
    if (flags & 8) {
        untrusted = NULL;
    } else if (bs->certs && certs) {
        // ok: ossl-leak
        untrusted = sk_X509_dup(bs->certs);
        for (i = 0; i < sk_X509_num(certs); i++)
            if (!sk_X509_push(untrusted, sk_X509_value(certs, i)))
                goto end;
    } else if (certs != NULL) {
        untrusted = certs;
    } else {
        untrusted = bs->certs;
    }
    ret = verify(untrusted) + a + b + c;
end:
    if (bs->certs && certs)
        sk_X509_free(untrusted);
    return ret;
}
