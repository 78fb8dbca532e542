#include <stdlib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/rsa.h>

int twice_on_path(BIO *in)
{
    // ruleid: double-free
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return -1;
    if (X509_get_version(x) != 2) {
        X509_free(x);
        goto err;
    }
    X509_free(x);
    return 0;
err:
    X509_free(x);
    return -1;
}

int twice_ok(BIO *in)
{
    // ok: double-free
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return -1;
    if (X509_get_version(x) != 2) {
        X509_free(x);
        x = NULL;
        goto err;
    }
    X509_free(x);
    return 0;
err:
    X509_free(x);
    return -1;
}

int bio_after_set_bio(SSL_CTX *ctx)
{
    // ok: double-free
    SSL *ssl = SSL_new(ctx);
    // ruleid: double-free
    BIO *bio = BIO_new(BIO_s_mem());
    if (ssl == NULL || bio == NULL)
        goto err;
    SSL_set_bio(ssl, bio, bio);
    SSL_free(ssl);
    BIO_free(bio);
    return 0;
err:
    SSL_free(ssl);
    BIO_free(bio);
    return -1;
}

int bio_after_set_bio_ok(SSL_CTX *ctx)
{
    // ok: double-free
    SSL *ssl = SSL_new(ctx);
    // ok: double-free
    BIO *bio = BIO_new(BIO_s_mem());
    if (ssl == NULL || bio == NULL)
        goto err;
    SSL_set_bio(ssl, bio, bio);
    SSL_free(ssl);
    return 0;
err:
    SSL_free(ssl);
    BIO_free(bio);
    return -1;
}

int rsa_after_assign(EVP_PKEY *pkey)
{
    // ruleid: double-free
    RSA *rsa = RSA_new();
    if (rsa == NULL)
        return -1;
    if (!EVP_PKEY_assign_RSA(pkey, rsa)) {
        RSA_free(rsa);
        return -1;
    }
    RSA_free(rsa);
    return 0;
}

int rsa_after_assign_ok(EVP_PKEY *pkey)
{
    // ok: double-free
    RSA *rsa = RSA_new();
    if (rsa == NULL)
        return -1;
    if (!EVP_PKEY_assign_RSA(pkey, rsa)) {
        RSA_free(rsa);
        return -1;
    }
    return 0;
}

int x509_after_push(BIO *in)
{
    // ok: double-free
    struct stack_st_X509 *sk = sk_X509_new_null();
    // ruleid: double-free
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (sk == NULL || x == NULL)
        goto err;
    if (!sk_X509_push(sk, x))
        goto err;
    sk_X509_pop_free(sk, X509_free);
    X509_free(x);
    return 0;
err:
    X509_free(x);
    sk_X509_free(sk);
    return -1;
}

int x509_after_push_ok(BIO *in)
{
    // ok: double-free
    struct stack_st_X509 *sk = sk_X509_new_null();
    // ok: double-free
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (sk == NULL || x == NULL)
        goto err;
    if (!sk_X509_push(sk, x))
        goto err;
    sk_X509_pop_free(sk, X509_free);
    return 0;
err:
    X509_free(x);
    sk_X509_free(sk);
    return -1;
}

static void clear_cert(X509 **px)
{
    X509_free(*px);
    *px = NULL;
}

int helper_nulls_ok(BIO *in)
{
    // ok: double-free
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    clear_cert(&x);
    X509_free(x);
    return 0;
}

int loop_free_ok(char **items, int n)
{
    int i;
    for (i = 0; i < n; i++) {
        // ok: double-free
        char *s = strdup(items[i]);
        if (s == NULL)
            break;
        free(s);
    }
    return 0;
}

int mem_twice(void)
{
    // ruleid: double-free
    char *p = malloc(16);
    free(p);
    free(p);
    return 0;
}

int up_ref_twice_ok(X509 *shared)
{
    // ok: double-free
    X509 *x = X509_dup(shared);
    if (x == NULL)
        return -1;
    X509_up_ref(x);
    X509_free(x);
    X509_free(x);
    return 0;
}

/* One BIO as both read and write BIO: SSL_set_bio takes one reference; our extra reference is ours to free. */
int shared_bio_upref(SSL_CTX *ctx)
{
    SSL *ssl;
    // ok: double-free
    BIO *mem = BIO_new(BIO_s_mem());
    if (mem == NULL)
        return -1;
    ssl = SSL_new(ctx);
    if (ssl == NULL) {
        BIO_free(mem);
        return -1;
    }
    BIO_up_ref(mem);
    SSL_set_bio(ssl, mem, mem);
    SSL_free(ssl);
    BIO_free(mem);
    return 0;
}

/* The reference taken by X509_up_ref exists only if it succeeded. */
int push_leaf(STACK_OF(X509) *chain, X509 *leaf)
{
    int ret = -1;
    // ok: ossl-leak
    X509 *copy = X509_dup(leaf);
    if (copy == NULL)
        return -1;
    if (!X509_up_ref(copy))
        goto done;
    if (sk_X509_push(chain, copy) <= 0) {
        X509_free(copy);
        goto done;
    }
    ret = 0;
done:
    X509_free(copy);
    return ret;
}
