#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>
#include <openssl/param_build.h>

/* Version-specific code: the same #if takes the same arm around the allocation and around the cleanup. */
EVP_PKEY *pubkey_from_n_ok(const unsigned char *buf, int len, int bits)
{
    BIGNUM *n = NULL;
    EVP_PKEY *pkey = NULL;
#if OPENSSL_VERSION_NUMBER < 0x30000000L
    RSA *rsa = NULL;
#else
    OSSL_PARAM_BLD *bld = NULL;
    EVP_PKEY_CTX *ctx = NULL;
#endif

    n = BN_bin2bn(buf, len, NULL);
    if (n == NULL)
        goto out;
#if OPENSSL_VERSION_NUMBER < 0x30000000L
    // ok: ossl-leak
    rsa = RSA_new();
    if (rsa == NULL)
        goto out;
    if (bits < 1024)
        goto out;
#else
    // ok: ossl-leak
    bld = OSSL_PARAM_BLD_new();
    if (bld == NULL)
        goto out;
    // ok: ossl-leak
    ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (ctx == NULL || bits < 1024)
        goto out;
#endif
    pkey = EVP_PKEY_new();

out:
    BN_free(n);
#if OPENSSL_VERSION_NUMBER < 0x30000000L
    RSA_free(rsa);
#else
    OSSL_PARAM_BLD_free(bld);
    EVP_PKEY_CTX_free(ctx);
#endif
    return pkey;
}

/* The cleanup forgets the 3.0 arm's context. */
EVP_PKEY *pubkey_from_n_leak(const unsigned char *buf, int len, int bits)
{
    EVP_PKEY *pkey = NULL;
#if OPENSSL_VERSION_NUMBER < 0x30000000L
    RSA *rsa = NULL;
#else
    EVP_PKEY_CTX *ctx = NULL;
#endif

#if OPENSSL_VERSION_NUMBER < 0x30000000L
    // ok: ossl-leak
    rsa = RSA_new();
    if (rsa == NULL || bits < 1024)
        goto out;
#else
    // ruleid: ossl-leak
    ctx = EVP_PKEY_CTX_new_from_name(NULL, "RSA", NULL);
    if (ctx == NULL || bits < 1024)
        goto out;
#endif
    pkey = EVP_PKEY_new();
    (void)buf;
    (void)len;

out:
    pkey = pkey;
#if OPENSSL_VERSION_NUMBER < 0x30000000L
    RSA_free(rsa);
#endif
    return pkey;
}

/* #ifdef / #ifndef name the same condition. */
int mac_ok(const unsigned char *key, int keylen, const unsigned char *in, size_t inlen)
{
    int ok = 0;
#ifndef OPENSSL_NO_DEPRECATED_3_0
    // ok: ossl-leak
    HMAC_CTX *ctx = HMAC_CTX_new();
#else
    EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
    // ok: ossl-leak
    EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
#endif
    if (ctx == NULL)
        goto err;
#ifndef OPENSSL_NO_DEPRECATED_3_0
    if (!HMAC_Init_ex(ctx, key, keylen, EVP_sha256(), NULL))
        goto err;
#else
    if (!EVP_MAC_init(ctx, key, keylen, NULL))
        goto err;
#endif
    (void)in;
    (void)inlen;
    ok = 1;
err:
    ok = ok;
#ifdef OPENSSL_NO_DEPRECATED_3_0
    EVP_MAC_CTX_free(ctx);
    EVP_MAC_free(mac);
#else
    HMAC_CTX_free(ctx);
#endif
    return ok;
}

/* The #else arm always runs when the #if arm does not: its release is not skipped. */
int else_arm_releases_ok(int n)
{
    // ok: ossl-leak
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    if (md == NULL)
        return 0;
#if defined(OPENSSL_IS_BORINGSSL)
    EVP_MD_CTX_destroy(md);
#else
    EVP_MD_CTX_free(md);
#endif
    return n;
}

/* httpd ssl_util_algotypeof: a cleanup under #ifdef with no #else is taken to be compiled. */
int key_type(X509 *cert)
{
    int t = 0;
    // ok: ossl-leak
    EVP_PKEY *key = X509_get_pubkey(cert);
    if (key != NULL)
        t = EVP_PKEY_id(key);
#ifdef OPENSSL_VERSION_NUMBER
    if (key != NULL)
        EVP_PKEY_free(key);
#endif
    return t;
}

/* Code under #if 0 is never compiled: the helper below returns an int, not the string. */
static int name_line(X509_NAME *name, char *buf, int size)
{
#if 0
    return X509_NAME_oneline(name, NULL, 0) != NULL;
#else
    return X509_NAME_print_ex_fp(NULL, name, 0, 0);
#endif
}

void log_subject(X509 *x)
{
    char buf[256];
    // ok: ossl-leak
    (void)name_line(X509_get_subject_name(x), buf, sizeof(buf));
}

int count_leaky(BIO *in)
{
#if 0
    X509 *never = PEM_read_bio_X509(in, NULL, NULL, NULL);
#endif
    return 0;
}
