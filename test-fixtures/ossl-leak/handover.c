#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/rsa.h>
#include <openssl/ecdsa.h>

struct holder {
    X509 *cert;
};

static EVP_PKEY *global_key;

int set_bio_ok(SSL_CTX *ctx)
{
    // ok: ossl-leak
    SSL *ssl = SSL_new(ctx);
    // ok: ossl-leak
    BIO *rbio = BIO_new(BIO_s_mem());
    // ok: ossl-leak
    BIO *wbio = BIO_new(BIO_s_mem());
    if (ssl == NULL || rbio == NULL || wbio == NULL) {
        SSL_free(ssl);
        BIO_free(rbio);
        BIO_free(wbio);
        return -1;
    }
    SSL_set_bio(ssl, rbio, wbio);
    SSL_free(ssl);
    return 0;
}

int set0_rbio_ok(SSL *ssl)
{
    // ok: ossl-leak
    BIO *b = BIO_new(BIO_s_mem());
    if (b == NULL)
        return -1;
    SSL_set0_rbio(ssl, b);
    return 0;
}

int assign_rsa_ok(void)
{
    // ok: ossl-leak
    EVP_PKEY *pkey = EVP_PKEY_new();
    // ok: ossl-leak
    RSA *rsa = RSA_new();
    if (pkey == NULL || rsa == NULL)
        goto err;
    if (!EVP_PKEY_assign_RSA(pkey, rsa))
        goto err;
    EVP_PKEY_free(pkey);
    return 0;
err:
    RSA_free(rsa);
    EVP_PKEY_free(pkey);
    return -1;
}

int assign_rsa_leak(void)
{
    // ok: ossl-leak
    EVP_PKEY *pkey = EVP_PKEY_new();
    // ruleid: ossl-leak
    RSA *rsa = RSA_new();
    if (pkey == NULL || rsa == NULL)
        goto err;
    if (!EVP_PKEY_assign_RSA(pkey, rsa))
        goto err;
    EVP_PKEY_free(pkey);
    return 0;
err:
    EVP_PKEY_free(pkey);
    return -1;
}

int cert_store_ok(SSL_CTX *ctx)
{
    // ok: ossl-leak
    X509_STORE *st = X509_STORE_new();
    if (st == NULL)
        return -1;
    SSL_CTX_set_cert_store(ctx, st);
    return 0;
}

int ecdsa_set0_ok(ECDSA_SIG *sig)
{
    // ok: ossl-leak
    BIGNUM *r = BN_new();
    // ok: ossl-leak
    BIGNUM *s = BN_new();
    if (r == NULL || s == NULL || !ECDSA_SIG_set0(sig, r, s)) {
        BN_free(r);
        BN_free(s);
        return 0;
    }
    return 1;
}

int bio_chain_ok(void)
{
    // ok: ossl-leak
    BIO *b64 = BIO_new(BIO_f_base64());
    // ok: ossl-leak
    BIO *mem = BIO_new(BIO_s_mem());
    BIO *chain;
    if (b64 == NULL || mem == NULL) {
        BIO_free(b64);
        BIO_free(mem);
        return -1;
    }
    chain = BIO_push(b64, mem);
    BIO_write(chain, "x", 1);
    BIO_free_all(chain);
    return 0;
}

X509 *returned_ok(BIO *in)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return NULL;
    return x;
}

int out_param_ok(BIO *in, X509 **out)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    *out = x;
    return 1;
}

int param_field_store_ok(BIO *in, struct holder *h)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    h->cert = x;
    return 1;
}

int global_store_ok(void)
{
    // ok: ossl-leak
    EVP_PKEY *k = EVP_PKEY_new();
    if (k == NULL)
        return 0;
    global_key = k;
    return 1;
}

int store_add_cert_leak(X509_STORE *st, BIO *in)
{
    // ruleid: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    if (!X509_STORE_add_cert(st, x))
        return 0;
    return 1;
}

int store_add_cert_ok(X509_STORE *st, BIO *in)
{
    int ok;
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    ok = X509_STORE_add_cert(st, x);
    X509_free(x);
    return ok;
}

int up_ref_leak(X509 *x, struct holder *h)
{
    X509_up_ref(x);
    h->cert = x;
    return 1;
}

int up_ref_owed_leak(BIO *in, struct holder *h)
{
    // ruleid: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    X509_up_ref(x);
    h->cert = x;
    return 1;
}

int up_ref_ok(BIO *in, struct holder *h)
{
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    X509_up_ref(x);
    h->cert = x;
    X509_free(x);
    return 1;
}

int ctx_free_after_ssl_new_ok(void)
{
    // ok: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    // ok: ossl-leak
    SSL *ssl = NULL;
    if (ctx == NULL)
        return -1;
    ssl = SSL_new(ctx);
    SSL_CTX_free(ctx);
    if (ssl == NULL)
        return -1;
    SSL_free(ssl);
    return 0;
}

int bio_set_ssl_ok(SSL_CTX *ctx)
{
    // ok: ossl-leak
    BIO *b = BIO_new(BIO_f_ssl());
    // ok: ossl-leak
    SSL *ssl = SSL_new(ctx);
    if (b == NULL || ssl == NULL) {
        BIO_free(b);
        SSL_free(ssl);
        return -1;
    }
    if (!BIO_set_ssl(b, ssl, BIO_CLOSE)) {
        SSL_free(ssl);
        BIO_free(b);
        return -1;
    }
    BIO_free_all(b);
    return 0;
}

/* haproxy ssl_sock_load_ocsp: a callback argument stays reachable through the SSL_CTX that holds it. */
struct status_arg {
    int single;
};
extern int status_cb(SSL *s, void *arg);

int setup_stapling(SSL_CTX *ctx)
{
    // ok: mem-leak
    struct status_arg *arg = calloc(1, sizeof(*arg));
    if (arg == NULL)
        return -1;
    arg->single = 1;
    SSL_CTX_set_tlsext_status_cb(ctx, status_cb);
    SSL_CTX_set_tlsext_status_arg(ctx, arg);
    return 0;
}
