#include <openssl/x509.h>
#include <openssl/pkcs12.h>

int i2d_leak(X509 *x)
{
    unsigned char *der = NULL;
    int len;
    // ruleid: ossl-leak
    len = i2d_X509(x, &der);
    if (len < 0)
        return -1;
    return len;
}

int i2d_ok(X509 *x)
{
    unsigned char *der = NULL;
    int len;
    // ok: ossl-leak
    len = i2d_X509(x, &der);
    if (len < 0)
        return -1;
    OPENSSL_free(der);
    return len;
}

int i2d_failed_ok(X509 *x)
{
    unsigned char *der = NULL;
    // ok: ossl-leak
    if (i2d_X509(x, &der) <= 0)
        return -1;
    OPENSSL_free(der);
    return 0;
}

int bio_pair_leak(void)
{
    BIO *a = NULL, *b = NULL;
    // ruleid: ossl-leak
    if (!BIO_new_bio_pair(&a, 0, &b, 0))
        return -1;
    BIO_free(a);
    return 0;
}

int bio_pair_ok(void)
{
    BIO *a = NULL, *b = NULL;
    // ok: ossl-leak
    if (!BIO_new_bio_pair(&a, 0, &b, 0))
        return -1;
    BIO_free(a);
    BIO_free(b);
    return 0;
}

int pkcs12_leak(PKCS12 *p12, const char *pass)
{
    EVP_PKEY *pkey = NULL;
    X509 *cert = NULL;
    struct stack_st_X509 *ca = NULL;
    // ruleid: ossl-leak
    if (!PKCS12_parse(p12, pass, &pkey, &cert, &ca))
        return -1;
    EVP_PKEY_free(pkey);
    sk_X509_pop_free(ca, X509_free);
    return 0;
}

int pkcs12_ok(PKCS12 *p12, const char *pass)
{
    EVP_PKEY *pkey = NULL;
    X509 *cert = NULL;
    struct stack_st_X509 *ca = NULL;
    // ok: ossl-leak
    if (!PKCS12_parse(p12, pass, &pkey, &cert, &ca))
        return -1;
    EVP_PKEY_free(pkey);
    X509_free(cert);
    sk_X509_pop_free(ca, X509_free);
    return 0;
}
