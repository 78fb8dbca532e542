#include <stdio.h>
#include <stdlib.h>
#include <openssl/bio.h>
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
