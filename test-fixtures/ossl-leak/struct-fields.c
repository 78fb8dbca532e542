#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>

struct conn {
    SSL_CTX *ctx;
    SSL *ssl;
    int fd;
};

static struct conn *registry;

struct conn *conn_setup_leak(int fd)
{
    struct conn *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return NULL;
    // ruleid: ossl-leak
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (c->ctx == NULL)
        goto fail;
    // ruleid: ossl-leak
    c->ssl = SSL_new(c->ctx);
    if (c->ssl == NULL)
        goto fail;
    if (SSL_set_fd(c->ssl, fd) != 1)
        goto fail;
    c->fd = fd;
    return c;
fail:
    free(c);
    return NULL;
}

struct conn *conn_setup_ok(int fd)
{
    struct conn *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return NULL;
    // ok: ossl-leak
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (c->ctx == NULL)
        goto fail;
    // ok: ossl-leak
    c->ssl = SSL_new(c->ctx);
    if (c->ssl == NULL)
        goto fail;
    if (SSL_set_fd(c->ssl, fd) != 1)
        goto fail;
    c->fd = fd;
    return c;
fail:
    SSL_free(c->ssl);
    SSL_CTX_free(c->ctx);
    free(c);
    return NULL;
}

void conn_free(struct conn *c)
{
    if (c == NULL)
        return;
    SSL_free(c->ssl);
    SSL_CTX_free(c->ctx);
    free(c);
}

int conn_helper_ok(int fd)
{
    struct conn *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return -1;
    // ok: ossl-leak
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (c->ctx == NULL)
        goto fail;
    // ok: ossl-leak
    c->ssl = SSL_new(c->ctx);
    if (c->ssl == NULL)
        goto fail;
    if (SSL_connect(c->ssl) != 1)
        goto fail;
    conn_free(c);
    return 0;
fail:
    conn_free(c);
    return -1;
}

int conn_store_global_ok(int fd)
{
    struct conn *c = calloc(1, sizeof(*c));
    if (c == NULL)
        return -1;
    // ok: ossl-leak
    c->ctx = SSL_CTX_new(TLS_client_method());
    c->fd = fd;
    registry = c;
    return 0;
}

int param_field_ok(struct conn *c)
{
    // ok: ossl-leak
    c->ctx = SSL_CTX_new(TLS_client_method());
    if (c->ctx == NULL)
        return -1;
    return 0;
}

int stack_struct_leak(int fd)
{
    struct conn c;
    // ruleid: ossl-leak
    c.ctx = SSL_CTX_new(TLS_client_method());
    if (c.ctx == NULL)
        return -1;
    c.fd = fd;
    return 0;
}

int stack_struct_ok(int fd)
{
    struct conn c;
    // ok: ossl-leak
    c.ctx = SSL_CTX_new(TLS_client_method());
    if (c.ctx == NULL)
        return -1;
    c.fd = fd;
    SSL_CTX_free(c.ctx);
    return 0;
}

/* A destructor we read whole releases exactly the fields it names: one it forgets leaks with the struct. */
struct session {
    char *label;
    EVP_MD_CTX *md;
    unsigned char *iv;
};

static void session_free(struct session *s)
{
    if (s == NULL)
        return;
    free(s->label);
    OPENSSL_free(s->iv);
    free(s);
}

int session_run(const char *label)
{
    struct session *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return -1;
    s->label = strdup(label);
    // ruleid: ossl-leak
    s->md = EVP_MD_CTX_new();
    s->iv = OPENSSL_malloc(16);
    session_free(s);
    return 0;
}

/* A destructor handing the object to a helper we cannot see may release the rest there. */
extern void session_clear_crypto(struct session *s);

static void session_free_all(struct session *s)
{
    if (s == NULL)
        return;
    session_clear_crypto(s);
    free(s->label);
    free(s);
}

int session_run_all(const char *label)
{
    struct session *s = calloc(1, sizeof(*s));
    if (s == NULL)
        return -1;
    s->label = strdup(label);
    // ok: ossl-leak
    s->md = EVP_MD_CTX_new();
    session_free_all(s);
    return 0;
}
