#include <openssl/ssl.h>

/* Columns are UTF-16 code units: the two astral characters before the call count two units each. */
int wide_context(void)
{
    // ruleid: ossl-leak
    /* 𝒳𝒴 */ SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (!ctx)
        return -1;
    return 0;
}
