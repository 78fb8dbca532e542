#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/pem.h>

int not_test_leak(void)
{
    // ruleid: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (!ctx)
        return -1;
    return 0;
}

int not_test_ok(void)
{
    // ok: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (!ctx)
        return -1;
    SSL_CTX_free(ctx);
    return 0;
}

int eq_null_leak(BIO *in)
{
    // ruleid: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    if (X509_get_version(x) != 2)
        return 0;
    X509_free(x);
    return 1;
}

int eq_null_ok(BIO *in)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    if (X509_get_version(x) != 2) {
        X509_free(x);
        return 0;
    }
    X509_free(x);
    return 1;
}

int assign_in_cond_leak(BIO *in)
{
    X509 *x;
    // ruleid: ossl-leak
    if ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) == NULL)
        return -1;
    return X509_get_version(x) == 2;
}

int assign_in_cond_ok(BIO *in)
{
    X509 *x;
    int v;
    // ok: ossl-leak
    if ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) == NULL)
        return -1;
    v = X509_get_version(x);
    X509_free(x);
    return v;
}

int while_loop_leak(BIO *in)
{
    X509 *x;
    int n = 0;
    // ruleid: ossl-leak
    while ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        if (X509_get_version(x) != 2)
            break;
        n++;
        X509_free(x);
    }
    return n;
}

int while_loop_ok(BIO *in)
{
    X509 *x;
    int n = 0;
    // ok: ossl-leak
    while ((x = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        n++;
        X509_free(x);
    }
    return n;
}

int ternary_leak(BIO *in)
{
    // ruleid: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    int v = x ? X509_get_version(x) : -1;
    return v;
}

int ternary_ok(BIO *in)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    int v = x ? X509_get_version(x) : -1;
    X509_free(x);
    return v;
}

int push_checked_ok(struct stack_st_X509 *sk, BIO *in)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto err;
    if (!sk_X509_push(sk, x)) {
        X509_free(x);
        goto err;
    }
    return 1;
err:
    return 0;
}

int push_checked_leak(struct stack_st_X509 *sk, BIO *in)
{
    // ruleid: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto err;
    if (!sk_X509_push(sk, x))
        goto err;
    return 1;
err:
    return 0;
}

int push_status_var_ok(struct stack_st_X509 *sk, BIO *in)
{
    int ok;
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    ok = sk_X509_push(sk, x);
    if (ok <= 0) {
        X509_free(x);
        return 0;
    }
    return 1;
}

int nonnull_then_free_ok(BIO *in)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x != NULL && X509_get_version(x) == 2) {
        X509_free(x);
        return 1;
    }
    if (x)
        X509_free(x);
    return 0;
}
