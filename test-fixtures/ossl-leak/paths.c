#include <stdlib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/pem.h>

void fatal(const char *msg) __attribute__((noreturn));
_Noreturn void die(const char *msg);

int goto_leak(const char *path)
{
    int ret = -1;
    // ruleid: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    X509 *x = NULL;
    if (in == NULL)
        goto end;
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto end;
    ret = 0;
    X509_free(x);
    BIO_free(in);
end:
    return ret;
}

int goto_ok(const char *path)
{
    int ret = -1;
    // ok: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    X509 *x = NULL;
    if (in == NULL)
        goto end;
    // ok: ossl-leak
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x == NULL)
        goto end;
    ret = 0;
end:
    X509_free(x);
    BIO_free(in);
    return ret;
}

int if0_label_leak(const char *path)
{
    // ruleid: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    if (in == NULL)
        return -1;
    if (BIO_read(in, NULL, 0) < 0)
        goto err;
    BIO_free(in);
    return 0;
    if (0) {
err:
        return -1;
    }
    return 1;
}

int if0_label_ok(const char *path)
{
    // ok: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    if (in == NULL)
        return -1;
    if (BIO_read(in, NULL, 0) < 0)
        goto err;
    BIO_free(in);
    return 0;
    if (0) {
err:
        BIO_free(in);
        return -1;
    }
    return 1;
}

int loop_continue_leak(BIO *in, int n)
{
    int i, good = 0;
    for (i = 0; i < n; i++) {
        // ruleid: ossl-leak
        X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
        if (x == NULL)
            continue;
        if (X509_get_version(x) != 2)
            continue;
        good++;
        X509_free(x);
    }
    return good;
}

int loop_continue_ok(BIO *in, int n)
{
    int i, good = 0;
    for (i = 0; i < n; i++) {
        // ok: ossl-leak
        X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
        if (x == NULL)
            continue;
        if (X509_get_version(x) != 2) {
            X509_free(x);
            continue;
        }
        good++;
        X509_free(x);
    }
    return good;
}

int switch_leak(int kind)
{
    // ruleid: ossl-leak
    EVP_PKEY *pkey = EVP_PKEY_new();
    int r = 0;
    if (pkey == NULL)
        return -1;
    switch (kind) {
    case 1:
        r = 1;
        /* fall through */
    case 2:
        r++;
        EVP_PKEY_free(pkey);
        break;
    case 3:
        return 3;
    default:
        EVP_PKEY_free(pkey);
        break;
    }
    return r;
}

int switch_ok(int kind)
{
    // ok: ossl-leak
    EVP_PKEY *pkey = EVP_PKEY_new();
    int r = 0;
    if (pkey == NULL)
        return -1;
    switch (kind) {
    case 1:
        r = 1;
        /* fall through */
    case 2:
        r++;
        break;
    case 3:
        EVP_PKEY_free(pkey);
        return 3;
    default:
        break;
    }
    EVP_PKEY_free(pkey);
    return r;
}

int overwrite_leak(BIO *in)
{
    X509 *x;
    // ruleid: ossl-leak
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    X509_free(x);
    return 0;
}

int overwrite_loop_leak(BIO *in, int n)
{
    X509 *x = NULL;
    int i;
    for (i = 0; i < n; i++) {
        // ruleid: ossl-leak
        x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    }
    X509_free(x);
    return 0;
}

int overwrite_loop_ok(BIO *in, int n)
{
    X509 *x = NULL;
    int i;
    for (i = 0; i < n; i++) {
        X509_free(x);
        // ok: ossl-leak
        x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    }
    X509_free(x);
    return 0;
}

int noreturn_ok(void)
{
    // ok: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (ctx == NULL)
        exit(1);
    if (!SSL_CTX_set_default_verify_paths(ctx))
        fatal("paths");
    if (!SSL_CTX_check_private_key(ctx))
        die("key");
    if (SSL_CTX_get_verify_mode(ctx) == 0)
        abort();
    SSL_CTX_free(ctx);
    return 0;
}

int noreturn_leak(void)
{
    // ruleid: ossl-leak
    SSL_CTX *ctx = SSL_CTX_new(TLS_method());
    if (ctx == NULL)
        exit(1);
    if (!SSL_CTX_set_default_verify_paths(ctx))
        return -1;
    SSL_CTX_free(ctx);
    return 0;
}

int cleanup_guard_ok(const char *path)
{
    int ret = 0;
    // ok: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    X509 *x = NULL;
    if (!in)
        goto cleanup;
    // ok: ossl-leak
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (!x)
        goto cleanup;
    ret = 1;
cleanup:
    if (x)
        X509_free(x);
    if (in != NULL)
        BIO_free(in);
    return ret;
}

int cleanup_guard_leak(const char *path)
{
    int ret = 0;
    // ok: ossl-leak
    BIO *in = BIO_new_file(path, "r");
    X509 *x = NULL;
    if (!in)
        goto cleanup;
    // ruleid: ossl-leak
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (!x)
        goto cleanup;
    if (X509_get_version(x) != 2)
        goto cleanup;
    ret = 1;
    X509_free(x);
cleanup:
    if (in != NULL)
        BIO_free(in);
    return ret;
}

int ret_flag_ok(const char *path)
{
    int ok = 0;
    // ok: ossl-leak
    X509 *x = NULL;
    BIO *in = BIO_new_file(path, "r");
    if (in == NULL)
        return 0;
    // ok: ossl-leak
    x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    if (x != NULL)
        ok = 1;
    BIO_free(in);
    if (!ok)
        return 0;
    X509_free(x);
    return 1;
}
