#include <openssl/ssl.h>

/* The context leaks on the success path: nothing frees it before `return 0`. */
int make_context(void)
{
    // ruleid: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (!ctx)
        return -1;
    return 0;
}
