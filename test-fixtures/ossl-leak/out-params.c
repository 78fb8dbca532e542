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

/* d2i_TYPE(&x, …) and PEM_read_bio_TYPE(in, &x, …) put the new object in x too. */
X509 *decode_cert(const unsigned char *der, long len)
{
    X509 *cert = NULL;
    const unsigned char *p = der;
    // ok: ossl-leak
    if (!d2i_X509(&cert, &p, len))
        return NULL;
    return cert;
}

int cert_version(const unsigned char *der, long len)
{
    X509 *cert = NULL;
    const unsigned char *p = der;
    // ruleid: ossl-leak
    d2i_X509(&cert, &p, len);
    if (cert == NULL)
        return -1;
    return (int)X509_get_version(cert);
}

/* ssl_cert.c: reading into the same variable reuses the object it holds. */
int count_certs(BIO *in)
{
    X509 *x = NULL;
    int n = 0;
    for (;;) {
        // ok: ossl-leak
        if (PEM_read_bio_X509(in, &x, NULL, NULL) == NULL)
            break;
        n++;
    }
    X509_free(x);
    return n;
}

/* ct_oct.c: a generic d2i of a known type (d2i_OCSP_CERTID, d2i_ASN1_OCTET_STRING) is an allocation. */
int octet_length(const unsigned char *der, long len)
{
    ASN1_OCTET_STRING *oct;
    const unsigned char *p = der;
    // ruleid: ossl-leak
    if ((oct = d2i_ASN1_OCTET_STRING(NULL, &p, len)) == NULL)
        return -1;
    return ASN1_STRING_length(oct);
}

/* FreeRADIUS fr_tls_session_client_hello_cb: the extension list comes back through the out-parameter. */
int hello_extensions(SSL *ssl)
{
    int *extensions = NULL;
    size_t len, j;
    const unsigned char *ext;
    size_t elen;

    // ruleid: ossl-leak
    if (SSL_client_hello_get1_extensions_present(ssl, &extensions, &len) == 0)
        return -1;
    for (j = 0; j < len; j++)
        if (SSL_client_hello_get0_ext(ssl, (unsigned int)extensions[j], &ext, &elen) == 0)
            goto fail;
    OPENSSL_free(extensions);
    return 1;
fail:
    return 0;
}
