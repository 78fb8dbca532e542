#include <openssl/ssl.h>

int make_and_free(void)
{
    // ok: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (!ctx)
        return -1;
    SSL_CTX_free(ctx);
    return 0;
}
