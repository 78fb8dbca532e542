#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>

#define ERR_NONE  0x00
#define ERR_ALERT 0x01
#define ERR_FATAL 0x02
#define ERR_CODE  (ERR_ALERT | ERR_FATAL)

#define ha_free(x) do { free(*(x)); *(x) = NULL; } while (0)

struct profile {
    struct profile *next;
    char *name;
    char *file;
};

struct deploy_data {
    char *crtname;
    char *record;
};

static struct profile *profiles;
static int crtname_index;

struct profile *find_profile(const char *name);
void publish(void *data, void (*mfree)(void *));
void cache_commit(void *cache, void *obj, void (*release)(void *));

/* Lookup-or-create: the new object is linked into a global list before it is returned. */
struct profile *get_profile(const char *name)
{
    struct profile *p;

    if ((p = find_profile(name)) != NULL)
        return p;
    p = calloc(1, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->next = profiles;
    profiles = p;
    return p;
}

/* A plain constructor: the caller owns the result. */
struct profile *profile_new(void)
{
    return calloc(1, sizeof(struct profile));
}

int use_profile_ok(const char *name, const char *file)
{
    struct profile *p;
    // ok: mem-leak
    p = get_profile(name);
    if (p == NULL)
        return -1;
    if (file)
        // ok: mem-leak
        p->file = strdup(file);
    return 0;
}

int use_new_profile_leak(const char *file)
{
    // ruleid: mem-leak
    struct profile *p = profile_new();
    if (p == NULL)
        return -1;
    if (file == NULL)
        return -1;
    free(p);
    return 0;
}

/* A destructor that frees fields through a free-and-NULL macro. */
void profile_clean(struct profile *p)
{
    if (p) {
        ha_free(&p->name);
        ha_free(&p->file);
    }
}

struct profile *profile_dup_ok(const struct profile *src)
{
    struct profile *dst = calloc(1, sizeof(*dst));
    if (dst == NULL)
        return NULL;
    // ok: mem-leak
    dst->name = strdup(src->name);
    if (dst->name == NULL)
        goto error;
    // ok: mem-leak
    dst->file = strdup(src->file);
    if (dst->file == NULL)
        goto error;
    return dst;
error:
    profile_clean(dst);
    free(dst);
    return NULL;
}

/* The event callback frees the fields of the struct whose address it gets (through a void pointer). */
static void deploy_mfree(void *data)
{
    struct deploy_data *d = data;
    free(d->crtname);
    free(d->record);
}

void deploy_event_ok(const char *path, const char *rec)
{
    struct deploy_data cb = { 0 };
    // ok: mem-leak
    cb.crtname = strdup(path);
    // ok: mem-leak
    cb.record = strdup(rec);
    if (cb.crtname && cb.record)
        publish(&cb, deploy_mfree);
    else
        deploy_mfree(&cb);
}

void deploy_event_leak(const char *path, const char *rec)
{
    struct deploy_data cb = { 0 };
    cb.crtname = strdup(path);
    // ruleid: mem-leak
    cb.record = strdup(rec);
    if (cb.crtname && cb.record)
        publish(&cb, deploy_mfree);
    else
        free(cb.crtname);
}

/* An error accumulator: `err |= ERR_FATAL` makes `err & ERR_CODE` true at the cleanup. */
int load_ctx_ok(const char *path)
{
    int errcode = 0;
    // ok: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    char *crtname;

    if (ctx == NULL) {
        errcode |= ERR_ALERT | ERR_FATAL;
        goto error;
    }
    // ok: mem-leak
    crtname = strdup(path);
    if (crtname == NULL) {
        errcode |= ERR_ALERT | ERR_FATAL;
        goto error;
    }
    /* the index's free callback releases it with the context */
    SSL_CTX_set_ex_data(ctx, crtname_index, crtname);
    if (SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) <= 0) {
        errcode |= ERR_ALERT | ERR_FATAL;
        goto error;
    }
    cache_commit(NULL, ctx, (void (*)(void *))SSL_CTX_free);
    return errcode;
error:
    if (errcode & ERR_CODE)
        SSL_CTX_free(ctx);
    return errcode;
}

int load_ctx_leak(const char *path)
{
    int errcode = 0;
    // ruleid: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());

    if (ctx == NULL) {
        errcode |= ERR_ALERT | ERR_FATAL;
        goto error;
    }
    if (SSL_CTX_use_certificate_file(ctx, path, SSL_FILETYPE_PEM) <= 0)
        goto error;
    cache_commit(NULL, ctx, (void (*)(void *))SSL_CTX_free);
    return errcode;
error:
    if (errcode & ERR_CODE)
        SSL_CTX_free(ctx);
    return errcode;
}

/* OCSP stapling: the SSL object takes the OPENSSL_malloc'd response. */
int staple_ok(SSL *ssl, const unsigned char *der, int len)
{
    // ok: ossl-leak
    unsigned char *resp = OPENSSL_malloc(len);
    if (resp == NULL)
        return SSL_TLSEXT_ERR_NOACK;
    memcpy(resp, der, len);
    SSL_set_tlsext_status_ocsp_resp(ssl, resp, len);
    return SSL_TLSEXT_ERR_OK;
}

int staple_leak(SSL *ssl, const unsigned char *der, int len, int expired)
{
    // ruleid: ossl-leak
    unsigned char *resp = OPENSSL_malloc(len);
    if (resp == NULL)
        return SSL_TLSEXT_ERR_NOACK;
    memcpy(resp, der, len);
    if (expired)
        return SSL_TLSEXT_ERR_NOACK;
    SSL_set_tlsext_status_ocsp_resp(ssl, resp, len);
    return SSL_TLSEXT_ERR_OK;
}

/* eap_pwd.c (FreeRADIUS): converting into a BIGNUM the caller made allocates nothing. */
int bits_of(const unsigned char *d, int n)
{
    // ok: ossl-leak
    BIGNUM *rnd = BN_new();
    if (rnd == NULL)
        return -1;
    // ok: ossl-leak
    BN_bin2bn(d, n, rnd);
    n = BN_num_bits(rnd);
    BN_free(rnd);
    return n;
}

/* Without a BIGNUM to fill, the conversion allocates one. */
int bits_of_new(const unsigned char *d, int n)
{
    // ruleid: ossl-leak
    BIGNUM *rnd = BN_bin2bn(d, n, NULL);
    if (rnd == NULL)
        return -1;
    return BN_num_bits(rnd);
}

/* One of two stores is freed through a conditional: the new one when the reload failed, else the old one it
 * replaces (lighttpd mod_openssl.c's CRL reload). */
struct cacerts {
    X509_STORE *store;
};

int load_crls(X509_STORE *store, const char *file);

int reload_crls(struct cacerts *cacerts, const char *crl_file)
{
    /* ok: ossl-leak */
    X509_STORE * const new_store = X509_STORE_new();
    if (NULL == new_store)
        return 0;
    X509_STORE * const store = cacerts->store;
    int rc = load_crls(new_store, crl_file);
    if (rc)
        cacerts->store = new_store;
    X509_STORE_free(rc ? store : new_store);
    return rc;
}
