/* Allocators renamed by the file's own macros (mongoose's MG_CALLOC, a project's xfree). */
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>

#define MG_CALLOC calloc
#define MG_FREE free
#define xstrdup(s) strdup(s)
#define new_ctx(m) SSL_CTX_new(m)
/* Not an alias: more than a rename. */
#define zalloc(n) calloc(1, n)

struct upload {
    char *name;
};

struct upload *upload_begin(const char *name, int ok)
{
    // ruleid: mem-leak
    struct upload *u = (struct upload *) MG_CALLOC(1, sizeof(*u));
    if (u == NULL)
        return NULL;
    if (!ok)
        return NULL;
    return u;
}

struct upload *upload_begin_fixed(const char *name, int ok)
{
    // ok: mem-leak
    struct upload *u = (struct upload *) MG_CALLOC(1, sizeof(*u));
    if (u == NULL)
        return NULL;
    if (!ok) {
        MG_FREE(u);
        return NULL;
    }
    return u;
}

int remember(char **out, const char *s, int ok)
{
    // ruleid: mem-leak
    char *copy = xstrdup(s);
    if (copy == NULL || !ok)
        return 0;
    *out = copy;
    return 1;
}

int make_ctx(SSL_CTX **out, int ok)
{
    // ruleid: ossl-leak
    SSL_CTX *ctx = new_ctx(TLS_client_method());
    if (ctx == NULL || !ok)
        return 0;
    *out = ctx;
    return 1;
}

void *scratch(int ok)
{
    // ok: mem-leak
    void *p = zalloc(64);
    if (!ok)
        return NULL;
    return p;
}
