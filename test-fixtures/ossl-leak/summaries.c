#include <stdlib.h>
#include <openssl/x509.h>
#include <openssl/pem.h>

static X509 *cache[16];
static int ncache;

static X509 *load_cert(const char *path)
{
    BIO *in = BIO_new_file(path, "r");
    X509 *x;
    if (in == NULL)
        return NULL;
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    BIO_free(in);
    return x;
}

static void release_cert(X509 *x)
{
    X509_free(x);
}

static void remember(X509 *x)
{
    cache[ncache++] = x;
}

static void log_cert(X509 *x)
{
    (void)x;
}

int wrapper_leak(const char *path)
{
    // ruleid: ossl-leak
    X509 *x = load_cert(path);
    if (x == NULL)
        return -1;
    return X509_get_version(x);
}

int wrapper_ok(const char *path)
{
    int v;
    // ok: ossl-leak
    X509 *x = load_cert(path);
    if (x == NULL)
        return -1;
    v = X509_get_version(x);
    release_cert(x);
    return v;
}

int store_ok(const char *path)
{
    // ok: ossl-leak
    X509 *x = load_cert(path);
    if (x == NULL)
        return -1;
    remember(x);
    return 0;
}

int unknown_external_leak(const char *path)
{
    // ruleid: ossl-leak
    X509 *x = load_cert(path);
    if (x == NULL)
        return -1;
    some_external_function(x);
    return 0;
}

int local_noop_leak(const char *path)
{
    // ruleid: ossl-leak
    X509 *x = load_cert(path);
    if (x == NULL)
        return -1;
    log_cert(x);
    return 0;
}

static void free_and_null(X509 **px)
{
    X509_free(*px);
    *px = NULL;
}

int free_and_null_ok(const char *path)
{
    // ok: ossl-leak
    X509 *x = load_cert(path);
    if (x == NULL)
        return -1;
    free_and_null(&x);
    X509_free(x);
    return 0;
}

/* httpd ssl_util_stapling.c: helpers handing out an up-ref'd or get1 certificate are wrappers. */
static X509 *issuer_from_store(X509_STORE_CTX *ctx, X509 *x)
{
    X509 *issuer = NULL;
    if (X509_STORE_CTX_get1_issuer(&issuer, ctx, x) <= 0)
        issuer = NULL;
    return issuer;
}

static X509 *issuer_from_chain(STACK_OF(X509) *chain, X509 *x)
{
    int i;
    for (i = 0; i < sk_X509_num(chain); i++) {
        X509 *issuer = sk_X509_value(chain, i);
        if (X509_check_issued(issuer, x) == X509_V_OK) {
            X509_up_ref(issuer);
            return issuer;
        }
    }
    return NULL;
}

int stapling_init(X509_STORE_CTX *ctx, X509 *x, unsigned char *md)
{
    // ruleid: ossl-leak
    X509 *issuer = issuer_from_store(ctx, x);
    if (issuer == NULL)
        return 1;
    if (X509_digest(x, EVP_sha1(), md, NULL) != 1)
        return 0;
    X509_free(issuer);
    return 1;
}

int stapling_init_chain(STACK_OF(X509) *chain, X509 *x, unsigned char *md)
{
    int ok;
    // ok: ossl-leak
    X509 *issuer = issuer_from_chain(chain, x);
    if (issuer == NULL)
        return 1;
    ok = X509_digest(x, EVP_sha1(), md, NULL) == 1;
    X509_free(issuer);
    return ok;
}
