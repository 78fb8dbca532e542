/* `STACK_OF(T) *v;` after another declaration reads as a multiplication to the parser: still a declaration. */
#include <openssl/pkcs12.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

/* curl lib/vtls/openssl.c cert_stuff: the CA chain from PKCS12_parse was never released. */
int load_p12(SSL_CTX *ctx, PKCS12 *p12, const char *pw)
{
    EVP_PKEY *pri;
    X509 *x509;
    STACK_OF(X509) *ca = NULL;

    // ruleid: ossl-leak
    if (!PKCS12_parse(p12, pw, &pri, &x509, &ca))
        return 0;
    if (SSL_CTX_use_certificate(ctx, x509) != 1) {
        EVP_PKEY_free(pri);
        X509_free(x509);
        return 0;
    }
    EVP_PKEY_free(pri);
    X509_free(x509);
    return 1;
}

int load_p12_fixed(SSL_CTX *ctx, PKCS12 *p12, const char *pw)
{
    EVP_PKEY *pri;
    X509 *x509;
    STACK_OF(X509) *ca = NULL;
    int ok = 0;

    // ok: ossl-leak
    if (!PKCS12_parse(p12, pw, &pri, &x509, &ca))
        return 0;
    if (SSL_CTX_use_certificate(ctx, x509) == 1)
        ok = 1;
    EVP_PKEY_free(pri);
    X509_free(x509);
    sk_X509_pop_free(ca, X509_free);
    return ok;
}

/* httpd md_crypt.c md_cert_get_alt_names: the names were counted and dropped. */
int count_alt_names(X509 *x)
{
    int n = 0;
    STACK_OF(GENERAL_NAME) *names;

    // ruleid: ossl-leak
    names = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    if (names == NULL)
        return 0;
    n = sk_GENERAL_NAME_num(names);
    return n;
}

int count_alt_names_fixed(X509 *x)
{
    int n = 0;
    STACK_OF(GENERAL_NAME) *names;

    // ok: ossl-leak
    names = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
    if (names == NULL)
        return 0;
    n = sk_GENERAL_NAME_num(names);
    GENERAL_NAMES_free(names);
    return n;
}
