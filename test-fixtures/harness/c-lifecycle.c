/* Harness fixtures: each bug has a correct twin. `ruleid` lines must be confirmed by AddressSanitizer, `ok`
 * lines (the twins' acquisitions, given to the harness as if reported) must never be. */
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

int load_key_leak(const char *cert, const char *key)
{
    // ruleid: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (ctx == NULL)
        return -1;
    if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1)
        return -1;
    SSL_CTX_free(ctx);
    return 0;
}

int load_key_ok(const char *cert, const char *key)
{
    // ok: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (ctx == NULL)
        return -1;
    if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1) {
        SSL_CTX_free(ctx);
        return -1;
    }
    SSL_CTX_free(ctx);
    return 0;
}

static int read_cert_leak(const char *path)
{
    int ret = -1;
    // ruleid: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    X509 *x = NULL;
    if (in == NULL)
        goto end;
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto end;
    ret = 0;
    X509_free(x);
    BIO_free(in);
end:
    return ret;
}

static int read_cert_ok(const char *path)
{
    int ret = -1;
    // ok: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    X509 *x = NULL;
    if (in == NULL)
        goto end;
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto end;
    ret = 0;
end:
    X509_free(x);
    BIO_free(in);
    return ret;
}

char *copy_name_leak(const char *name, size_t n)
{
    // ruleid: mem-leak
    char *buf = malloc(n + 16);
    if (buf == NULL)
        return NULL;
    if (strlen(name) > n)
        return NULL;
    strcpy(buf, name);
    free(buf);
    return NULL;
}

char *copy_name_ok(const char *name, size_t n)
{
    // ok: mem-leak
    char *buf = malloc(n + 16);
    if (buf == NULL)
        return NULL;
    if (strlen(name) > n) {
        free(buf);
        return NULL;
    }
    strcpy(buf, name);
    free(buf);
    return NULL;
}

void bio_twice(void)
{
    // ruleid: double-free
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL)
        return;
    BIO_free(bio);
    BIO_free(bio);
}

void bio_once(void)
{
    // ok: double-free
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL)
        return;
    BIO_free(bio);
}

int buffer_twice(int fail)
{
    // ruleid: double-free
    char *p = malloc(32);
    if (p == NULL)
        return -1;
    if (fail) {
        free(p);
        goto out;
    }
    p[0] = 'a';
out:
    free(p);
    return 0;
}

int buffer_once(int fail)
{
    // ok: double-free
    char *p = malloc(32);
    if (p == NULL)
        return -1;
    if (fail) {
        free(p);
        return -1;
    }
    p[0] = 'a';
    free(p);
    return 0;
}

int write_after_free(void)
{
    // ruleid: use-after-free
    BIO *b = BIO_new(BIO_s_mem());
    if (b == NULL)
        return -1;
    BIO_free(b);
    return BIO_write(b, "x", 1);
}

int write_before_free(void)
{
    // ok: use-after-free
    BIO *b = BIO_new(BIO_s_mem());
    if (b == NULL)
        return -1;
    int n = BIO_write(b, "x", 1);
    BIO_free(b);
    return n;
}

int name_after_free(const char *path)
{
    BIO *in = BIO_new_file(path, "r");
    if (in == NULL)
        return -1;
    // ruleid: use-after-free
    X509 *cert = PEM_read_bio_X509(in, NULL, NULL, NULL);
    BIO_free(in);
    if (cert == NULL)
        return -1;
    X509_NAME *name = X509_get_subject_name(cert);
    X509_free(cert);
    return X509_NAME_entry_count(name);
}

int name_before_free(const char *path)
{
    BIO *in = BIO_new_file(path, "r");
    if (in == NULL)
        return -1;
    // ok: use-after-free
    X509 *cert = PEM_read_bio_X509(in, NULL, NULL, NULL);
    BIO_free(in);
    if (cert == NULL)
        return -1;
    X509_NAME *name = X509_get_subject_name(cert);
    int n = X509_NAME_entry_count(name);
    X509_free(cert);
    return n;
}

int read_byte_after_free(void)
{
    // ruleid: use-after-free
    unsigned char *p = calloc(1, 16);
    if (p == NULL)
        return -1;
    free(p);
    return p[0];
}

int read_byte_before_free(void)
{
    // ok: use-after-free
    unsigned char *p = calloc(1, 16);
    if (p == NULL)
        return -1;
    int v = p[0];
    free(p);
    return v;
}
