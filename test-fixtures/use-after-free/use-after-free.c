#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

int use_after(BIO *in)
{
    // ruleid: use-after-free
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    int v;
    if (x == NULL)
        return -1;
    X509_free(x);
    v = X509_get_version(x);
    return v;
}

int use_before_ok(BIO *in)
{
    // ok: use-after-free
    X509 *x = PEM_read_bio_X509(in, NULL, NULL, NULL);
    int v;
    if (x == NULL)
        return -1;
    v = X509_get_version(x);
    X509_free(x);
    return v;
}

int borrowed_after(BIO *in, BIO *out)
{
    // ruleid: use-after-free
    X509 *cert = PEM_read_bio_X509(in, NULL, NULL, NULL);
    X509_NAME *name;
    if (cert == NULL)
        return -1;
    name = X509_get_subject_name(cert);
    X509_free(cert);
    X509_NAME_print_ex(out, name, 0, 0);
    return 0;
}

int borrowed_ok(BIO *in, BIO *out)
{
    // ok: use-after-free
    X509 *cert = PEM_read_bio_X509(in, NULL, NULL, NULL);
    X509_NAME *name;
    if (cert == NULL)
        return -1;
    name = X509_get_subject_name(cert);
    X509_NAME_print_ex(out, name, 0, 0);
    X509_free(cert);
    return 0;
}

struct item {
    int len;
    char *data;
};

int field_after(void)
{
    // ruleid: use-after-free
    struct item *it = malloc(sizeof(*it));
    int n;
    if (it == NULL)
        return -1;
    it->len = 3;
    free(it);
    n = it->len;
    return n;
}

int nulled_ok(void)
{
    // ok: use-after-free
    char *p = malloc(8);
    if (p == NULL)
        return -1;
    free(p);
    p = NULL;
    if (p != NULL)
        p[0] = 'x';
    return 0;
}

int reassigned_ok(void)
{
    // ok: use-after-free
    char *p = malloc(8);
    free(p);
    // ok: use-after-free
    p = malloc(16);
    if (p == NULL)
        return -1;
    p[0] = 'y';
    free(p);
    return 0;
}

int ssl_after_free(SSL_CTX *ctx)
{
    // ruleid: use-after-free
    SSL *ssl = SSL_new(ctx);
    if (ssl == NULL)
        return -1;
    SSL_free(ssl);
    return SSL_get_error(ssl, 0);
}

int compare_after_free_ok(void)
{
    // ok: use-after-free
    char *p = malloc(8);
    char *q = p;
    free(p);
    if (q == p)
        return 1;
    return 0;
}

/* A block's own `obj` shadows the function's: freeing it leaves the outer handle alone (OpenSC pkcs11-tool.c's
 * show_key reading EC_PARAMS into a block-scoped ASN1_OBJECT *obj). */
unsigned long lookup_handle(unsigned long handle);

unsigned long use_outer_after_inner_free(unsigned long obj, const unsigned char *params, long len)
{
	unsigned long value = 0;

	if (params != NULL) {
		const unsigned char *a = params;
		/* ok: use-after-free */
		ASN1_OBJECT *obj = d2i_ASN1_OBJECT(NULL, &a, len);

		if (obj != NULL)
			value = (unsigned long)OBJ_obj2nid(obj);
		ASN1_OBJECT_free(obj);
	}
	return value + lookup_handle(obj);
}
