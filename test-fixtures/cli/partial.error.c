#include <openssl/ssl.h>

/* This function does not parse; the one below must still be analysed. */
int broken(void)
{
    int x = ;
    return x +;
}

int make_context_again(void)
{
    // ruleid: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (!ctx)
        return -1;
    return 0;
}
