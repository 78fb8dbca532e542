#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

struct store {
    struct stack_st_X509_LOOKUP *methods;
    X509_VERIFY_PARAM *param;
};

int ssl_cert_add0_extra(SSL_CTX *ctx, SSL *ssl, X509 *cert);

int curves_count_ok(SSL *s)
{
    // ok: ossl-leak
    int n = SSL_get1_curves(s, NULL);
    return n;
}

int delete_ext_ok(X509 *x, int idx)
{
    X509_EXTENSION *ext = X509_get_ext(x, idx);
    // ok: ossl-leak
    X509_delete_ext(x, idx);
    X509_EXTENSION_free(ext);
    return 0;
}

int add0_convention_ok(SSL_CTX *ctx, BIO *in)
{
    X509 *ca;
    // ok: ossl-leak
    while ((ca = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        if (!ssl_cert_add0_extra(ctx, NULL, ca)) {
            X509_free(ca);
            return 0;
        }
    }
    return 1;
}

int add0_convention_leak(SSL_CTX *ctx, BIO *in)
{
    X509 *ca;
    // ruleid: ossl-leak
    while ((ca = PEM_read_bio_X509(in, NULL, NULL, NULL)) != NULL) {
        if (!ssl_cert_add0_extra(ctx, NULL, ca))
            return 0;
    }
    return 1;
}

int set0_failure_ok(X509_ALGOR *alg, int nid)
{
    // ok: ossl-leak, double-free
    ASN1_INTEGER *parameter = ASN1_INTEGER_new();
    if (parameter == NULL)
        return 0;
    if (!X509_ALGOR_set0_by_nid(alg, nid, V_ASN1_INTEGER, parameter))
        goto err;
    return 1;
err:
    ASN1_INTEGER_free(parameter);
    return 0;
}

SSL *SSL_new(SSL_CTX *ctx)
{
    SSL *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return NULL;
    // ok: ossl-leak
    s->param = X509_VERIFY_PARAM_new();
    if (!s->param)
        goto err;
    return s;
err:
    SSL_free(s);
    return NULL;
}

void SSL_free(SSL *s)
{
    if (s == NULL)
        return;
    X509_VERIFY_PARAM_free(s->param);
    freezero(s, sizeof(*s));
}

int flag_ok(BIO *in)
{
    int ok = 0;
    // ok: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto end;
    if (X509_check_purpose(x, -1, 0) != 1)
        goto end;
    ok = 1;
end:
    if (!ok)
        X509_free(x);
    else
        X509_free(x);
    return ok;
}

int flag_leak(BIO *in)
{
    int ok = 0;
    // ruleid: ossl-leak
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto end;
    if (X509_check_purpose(x, -1, 0) != 1)
        goto end;
    ok = 1;
    X509_free(x);
end:
    return ok;
}

int i2d_into_buffer_ok(X509 *x, unsigned char *buf, int len)
{
    unsigned char *p = buf;
    // ok: ossl-leak
    if (i2d_X509(x, &p) != len)
        return 0;
    return 1;
}

int i2d_two_pass_ok(X509 *x)
{
    unsigned char *der, *p;
    int len = i2d_X509(x, NULL);
    if (len <= 0 || (der = malloc(len)) == NULL)
        return 0;
    p = der;
    // ok: ossl-leak
    i2d_X509(x, &p);
    free(der);
    return len;
}

void oneline_buffer_ok(X509 *x)
{
    char buf[256];
    // ok: ossl-leak
    X509_NAME_oneline(X509_get_subject_name(x), buf, sizeof buf);
}

void oneline_alloc_leak(X509 *x)
{
    // ruleid: ossl-leak
    X509_NAME_oneline(X509_get_subject_name(x), NULL, 0);
}
