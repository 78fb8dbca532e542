#include <openssl/x509_vfy.h>

int leak_on_init_failure(X509_STORE *store, X509 *cert, STACK_OF(X509) *chain)
{
    // ruleid: x509-store-ctx-cleanup
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ret;
    if (ctx == NULL)
        return -1;
    if (!X509_STORE_CTX_init(ctx, store, cert, chain))
        return -1;
    ret = X509_verify_cert(ctx);
    X509_STORE_CTX_free(ctx);
    return ret;
}

int cleanup_only(X509_STORE *store, X509 *cert)
{
    // ruleid: x509-store-ctx-cleanup
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ret = 0;
    if (ctx == NULL)
        return -1;
    if (X509_STORE_CTX_init(ctx, store, cert, NULL))
        ret = X509_verify_cert(ctx);
    X509_STORE_CTX_cleanup(ctx);
    return ret;
}

int freed_on_every_path(X509_STORE *store, X509 *cert)
{
    // ok: x509-store-ctx-cleanup
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int ret = -1;
    if (ctx == NULL)
        goto end;
    if (!X509_STORE_CTX_init(ctx, store, cert, NULL))
        goto end;
    ret = X509_verify_cert(ctx);
end:
    X509_STORE_CTX_free(ctx);
    return ret;
}

X509_STORE_CTX *handed_to_caller(X509_STORE *store, X509 *cert)
{
    // ok: x509-store-ctx-cleanup
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    if (ctx == NULL)
        return NULL;
    if (!X509_STORE_CTX_init(ctx, store, cert, NULL)) {
        X509_STORE_CTX_free(ctx);
        return NULL;
    }
    return ctx;
}
