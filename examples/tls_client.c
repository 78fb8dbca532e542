/* A small TLS client setup with the mistakes osslint is built to find, next to their correct twins. */
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

struct tls_conn {
    SSL_CTX *ctx;
    SSL *ssl;
    int fd;
};

/* Leaks both fields on the fail: path: it frees only the struct. */
struct tls_conn *tls_conn_new(int fd, const char *host)
{
    struct tls_conn *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return NULL;
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (c->ctx == NULL)
        goto fail;
    c->ssl = SSL_new(c->ctx);
    if (c->ssl == NULL)
        goto fail;
    if (SSL_set_tlsext_host_name(c->ssl, host) != 1)
        goto fail;
    if (SSL_set_fd(c->ssl, fd) != 1)
        goto fail;
    c->fd = fd;
    return c;
fail:
    free(c);
    return NULL;
}

void tls_conn_free(struct tls_conn *c)
{
    if (c == NULL)
        return;
    SSL_free(c->ssl);
    SSL_CTX_free(c->ctx);
    free(c);
}

/* Correct twin: the fail: path releases the fields through tls_conn_free(). */
struct tls_conn *tls_conn_new_fixed(int fd, const char *host)
{
    struct tls_conn *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return NULL;
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (c->ctx == NULL)
        goto fail;
    c->ssl = SSL_new(c->ctx);
    if (c->ssl == NULL)
        goto fail;
    if (SSL_set_tlsext_host_name(c->ssl, host) != 1)
        goto fail;
    if (SSL_set_fd(c->ssl, fd) != 1)
        goto fail;
    c->fd = fd;
    return c;
fail:
    tls_conn_free(c);
    return NULL;
}

/* The memory BIO belongs to the SSL after SSL_set_bio: freeing it again is a double free. */
int attach_memory_bio(SSL *ssl)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL)
        return -1;
    SSL_set_bio(ssl, bio, bio);
    BIO_free(bio);
    return 0;
}

/* The subject name is borrowed from the certificate: printing it after X509_free is a use after free. */
int print_peer_subject(SSL *ssl, BIO *out)
{
    X509 *peer = SSL_get1_peer_certificate(ssl);
    if (peer == NULL)
        return -1;
    X509_NAME *subject = X509_get_subject_name(peer);
    X509_free(peer);
    return X509_NAME_print_ex(out, subject, 0, XN_FLAG_ONELINE);
}

/* Correct twin. */
int print_peer_subject_fixed(SSL *ssl, BIO *out)
{
    X509 *peer = SSL_get1_peer_certificate(ssl);
    int ret;
    if (peer == NULL)
        return -1;
    ret = X509_NAME_print_ex(out, X509_get_subject_name(peer), 0, XN_FLAG_ONELINE);
    X509_free(peer);
    return ret;
}

/* The DER buffer allocated by i2d_X509 is never freed when the write fails. */
int write_der(X509 *cert, BIO *out)
{
    unsigned char *der = NULL;
    int len = i2d_X509(cert, &der);
    if (len < 0)
        return -1;
    if (BIO_write(out, der, len) != len)
        return -1;
    OPENSSL_free(der);
    return 0;
}

/* strdup'd host name leaks on the early return. */
char *normalise_host(const char *host)
{
    char *copy = strdup(host);
    if (copy == NULL)
        return NULL;
    if (strlen(copy) > 253)
        return NULL;
    for (char *p = copy; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return copy;
}
