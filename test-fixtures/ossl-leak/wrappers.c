#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

#define unlikely(x) __builtin_expect(!!(x), 0)

struct bufferevent;
struct event_base;
struct bufferevent *bufferevent_openssl_socket_new(struct event_base *base, int fd, SSL *ssl, int state, int options);

struct holder {
    BIO *bio;
};

/* Branch-prediction hints wrap the NULL test. */
int verify_hint_ok(X509_STORE *store, X509 *cert)
{
    int ret;
    // ok: x509-store-ctx-cleanup
    X509_STORE_CTX *store_ctx = X509_STORE_CTX_new();
    if (unlikely(store_ctx == NULL))
        return 0;
    if (!X509_STORE_CTX_init(store_ctx, store, cert, NULL)) {
        X509_STORE_CTX_free(store_ctx);
        return 0;
    }
    ret = X509_verify_cert(store_ctx);
    X509_STORE_CTX_free(store_ctx);
    return ret;
}

int verify_hint_leak(X509_STORE *store, X509 *cert)
{
    // ruleid: x509-store-ctx-cleanup
    X509_STORE_CTX *store_ctx = X509_STORE_CTX_new();
    if (unlikely(store_ctx == NULL))
        return 0;
    if (!X509_STORE_CTX_init(store_ctx, store, cert, NULL))
        return 0;
    X509_STORE_CTX_free(store_ctx);
    return 1;
}

/* An outside constructor takes the SSL it wraps. */
struct bufferevent *connect_tls_ok(struct event_base *base, SSL_CTX *ctx)
{
    // ok: ossl-leak
    SSL *ssl = SSL_new(ctx);
    struct bufferevent *bev;
    if (ssl == NULL)
        return NULL;
    bev = bufferevent_openssl_socket_new(base, -1, ssl, 1, 0);
    return bev;
}

struct bufferevent *connect_tls_leak(struct event_base *base, SSL_CTX *ctx, int fd)
{
    // ruleid: ossl-leak
    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL)
        return NULL;
    if (fd < 0)
        return NULL;
    return bufferevent_openssl_socket_new(base, fd, ssl, 1, 0);
}

/* A helper passing its parameter to the constructor hands it over too. */
static struct bufferevent *open_tls_bev(struct event_base *base, SSL *ssl)
{
    return bufferevent_openssl_socket_new(base, -1, ssl, 1, 0);
}

struct bufferevent *connect_helper_ok(struct event_base *base, SSL_CTX *ctx)
{
    // ok: ossl-leak
    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL)
        return NULL;
    return open_tls_bev(base, ssl);
}

/* The BIO is returned, but it also stays reachable through the holder handed to the caller. */
static BIO *holder_alloc(struct holder **out)
{
    struct holder *h = OPENSSL_zalloc(sizeof(*h));
    if (h == NULL)
        return NULL;
    h->bio = BIO_new(BIO_s_mem());
    *out = h;
    return h->bio;
}

void holder_init_ok(struct holder **slot)
{
    // ok: ossl-leak
    holder_alloc(slot);
}
