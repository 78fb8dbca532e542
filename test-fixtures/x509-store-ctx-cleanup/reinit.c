#include <openssl/x509_vfy.h>

static void reset_ctx(X509_STORE_CTX *ctx)
{
    X509_STORE_CTX_cleanup(ctx);
}

int verify_all_no_cleanup(X509_STORE *store, STACK_OF(X509) *certs)
{
    // ok: x509-store-ctx-cleanup
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int i, bad = 0;
    if (ctx == NULL)
        return -1;
    for (i = 0; i < sk_X509_num(certs); i++) {
        // ruleid: x509-store-ctx-cleanup
        if (!X509_STORE_CTX_init(ctx, store, sk_X509_value(certs, i), NULL))
            break;
        if (X509_verify_cert(ctx) != 1)
            bad++;
    }
    X509_STORE_CTX_free(ctx);
    return bad;
}

int verify_all_with_cleanup(X509_STORE *store, STACK_OF(X509) *certs)
{
    // ok: x509-store-ctx-cleanup
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int i, bad = 0;
    if (ctx == NULL)
        return -1;
    for (i = 0; i < sk_X509_num(certs); i++) {
        // ok: x509-store-ctx-cleanup
        if (!X509_STORE_CTX_init(ctx, store, sk_X509_value(certs, i), NULL))
            break;
        if (X509_verify_cert(ctx) != 1)
            bad++;
        X509_STORE_CTX_cleanup(ctx);
    }
    X509_STORE_CTX_free(ctx);
    return bad;
}

int verify_all_helper_cleanup(X509_STORE *store, STACK_OF(X509) *certs)
{
    // ok: x509-store-ctx-cleanup
    X509_STORE_CTX *ctx = X509_STORE_CTX_new();
    int i, bad = 0;
    if (ctx == NULL)
        return -1;
    for (i = 0; i < sk_X509_num(certs); i++) {
        // ok: x509-store-ctx-cleanup
        if (!X509_STORE_CTX_init(ctx, store, sk_X509_value(certs, i), NULL))
            break;
        if (X509_verify_cert(ctx) != 1)
            bad++;
        reset_ctx(ctx);
    }
    X509_STORE_CTX_free(ctx);
    return bad;
}
