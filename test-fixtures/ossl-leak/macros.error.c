#include <openssl/x509.h>
#include <openssl/pem.h>

DEFINE_STACK_OF(X509)

LCRYPTO_ALIAS(thing_new)

ASN1_SEQUENCE(THING) = {
    ASN1_SIMPLE(THING, a, ASN1_INTEGER),
} ASN1_SEQUENCE_END(THING)

int chain_leak(BIO *in)
{
    // ruleid: ossl-leak
    STACK_OF(X509) *chain = sk_X509_new_null();
    // ruleid: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        return 0;
    if (X509_get_version(x) != 2)
        return 0;
    X509_free(x);
    sk_X509_free(chain);
    return 1;
}

int chain_ok(BIO *in)
{
    STACK_OF(X509) *chain = sk_X509_new_null();
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL || chain == NULL)
        goto err;
    if (!sk_X509_push(chain, x))
        goto err;
    x = NULL;
    sk_X509_pop_free(chain, X509_free);
    return 1;
err:
    X509_free(x);
    sk_X509_free(chain);
    return 0;
}

int ifdef_leak(void)
{
    // ruleid: ossl-leak
    EVP_PKEY *k = EVP_PKEY_new();
    if (k == NULL)
        return 0;
#ifdef OPENSSL_NO_EC
    if (EVP_PKEY_get_id(k) == 1)
        return 0;
#else
    if (EVP_PKEY_get_id(k) == 2)
        return 0;
#endif
    EVP_PKEY_free(k);
    return 1;
}

int ifdef_ok(void)
{
#ifdef USE_FILE
    // ok: ossl-leak
    BIO *b = BIO_new_file("x", "r");
#else
    // ok: ossl-leak
    BIO *b = BIO_new(BIO_s_mem());
#endif
    if (b == NULL)
        return 0;
    BIO_free(b);
    return 1;
}

int broken(void)
{
    X509 *x = X509_new();
    FOO_BAR(x, goto err;);
    X509_free(x);
    return 1;
}
