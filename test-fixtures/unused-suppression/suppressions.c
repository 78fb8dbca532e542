#include <stdlib.h>
#include <openssl/ssl.h>

int suppressed_same_line(void)
{
    // ok: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method()); // osslint-ignore ossl-leak: kept for the process lifetime
    if (ctx == NULL)
        return -1;
    return 0;
}

int suppressed_line_before(void)
{
    // ruleid: unused-suppression
    // ok: mem-leak
    /* osslint-ignore mem-leak, ossl-leak: handed to a registry the analysis cannot see */
    char *p = malloc(8);
    (void)p;
    return 0;
}

int reported_without_reason(void)
{
    // ruleid: unused-suppression
    // osslint-ignore mem-leak
    // ruleid: mem-leak
    char *p = malloc(8);
    (void)p;
    return 0;
}

int nothing_to_silence(void)
{
    // ruleid: unused-suppression
    // osslint-ignore double-free: there is no double free here
    int x = 1;
    return x;
}
