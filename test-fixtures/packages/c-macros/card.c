/*
 * OpenSC / tpm2-tss style: the error macros of the project's log.h return or jump (LOG_FUNC_RETURN always
 * returns, LOG_TEST_RET returns when r < 0, return_if_null when its argument is NULL, goto_error jumps to the
 * label it is given). Read as calls, each `free; LOG_FUNC_RETURN(…)` fell through to a second free.
 */
#include <stdlib.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include "log.h"

struct sc_context;
int sc_read_binary(struct sc_context *ctx, unsigned char *buf, size_t len);

int read_certificate(struct sc_context *ctx, unsigned char *buf, size_t len, X509 **out)
{
	const unsigned char *p = buf;
	int r;
	// ok: double-free, use-after-free
	X509 *cert = d2i_X509(NULL, &p, (long)len);

	return_if_null(cert, "cannot parse the certificate", -1);
	r = sc_read_binary(ctx, buf, len);
	if (r < 0) {
		X509_free(cert);
		LOG_FUNC_RETURN(ctx, r);
	}
	if (X509_get_version(cert) != 2) {
		X509_free(cert);
		LOG_FUNC_RETURN(ctx, -2);
	}
	*out = cert;
	LOG_FUNC_RETURN(ctx, 0);
}

int check_usage(struct sc_context *ctx, int usage, unsigned char *der, size_t len)
{
	// ok: double-free
	unsigned char *copy = malloc(len);

	if (copy == NULL)
		LOG_FUNC_RETURN(ctx, -1);
	memcpy(copy, der, len);
	if (usage != 1) {
		free(copy);
		LOG_TEST_RET(ctx, -1300, "invalid usage"); /* a constant status: always returns */
	}
	free(copy);
	LOG_FUNC_RETURN(ctx, 0);
}

int check_key(struct sc_context *ctx, unsigned char *der, size_t len)
{
	const unsigned char *p = der;
	int r;
	// ruleid: ossl-leak
	EVP_PKEY *pkey = d2i_PUBKEY(NULL, &p, (long)len);

	if (pkey == NULL)
		LOG_FUNC_RETURN(ctx, -1);
	r = sc_read_binary(ctx, der, len);
	LOG_TEST_RET(ctx, r, "cannot read the key file"); /* returns with pkey still held */
	EVP_PKEY_free(pkey);
	LOG_FUNC_RETURN(ctx, 0);
}

int export_key(struct sc_context *ctx, EVP_PKEY *key, const char *path)
{
	int r = 0;
	// ok: ossl-leak, double-free
	BIO *out = BIO_new_file(path, "w");

	return_if_null(out, "cannot open the output file", -1);
	if (!PEM_write_bio_PUBKEY(out, key))
		goto_error(r, -3, "cannot write the key", err);
	r = sc_read_binary(ctx, NULL, 0);
	LOG_TEST_GOTO_ERR(ctx, r, "cannot read back");
err:
	BIO_free(out);
	LOG_FUNC_RETURN(ctx, r);
}

/* pkcs15-lib.c shape: the add runs only while r >= 0, and the macro after it leaves whenever r < 0, so the
 * object is linked (or freed at err:) on every path that reaches `object = NULL`. */
struct sc_pkcs15_object { void *data; struct sc_pkcs15_object *next; };
struct sc_pkcs15_card { struct sc_context *ctx; struct sc_pkcs15_object *obj_list; };
int store_data(struct sc_context *ctx, struct sc_pkcs15_object *obj);

static struct sc_pkcs15_object *new_object(int type)
{
	struct sc_pkcs15_object *obj = calloc(1, sizeof(*obj));

	if (obj == NULL)
		return NULL;
	obj->data = calloc(1, (size_t)type);
	return obj;
}

void free_object(struct sc_pkcs15_object *obj)
{
	if (!obj)
		return;
	free(obj->data);
	free(obj);
}

int add_object(struct sc_pkcs15_card *p15card, struct sc_pkcs15_object *obj)
{
	obj->next = p15card->obj_list;
	p15card->obj_list = obj;
	return 0;
}

int store_public_key(struct sc_pkcs15_card *p15card, int type, struct sc_pkcs15_object **res_obj)
{
	struct sc_context *ctx = p15card->ctx;
	struct sc_pkcs15_object *object = NULL;
	int r;

	// ok: mem-leak
	object = new_object(type);
	if (object == NULL) {
		r = -404;
		LOG_TEST_GOTO_ERR(ctx, r, "Cannot allocate new public key object");
	}
	r = store_data(ctx, object);
	if (r >= 0)
		r = add_object(p15card, object);
	LOG_TEST_GOTO_ERR(ctx, r, "Add object error");

	if (r >= 0 && res_obj)
		*res_obj = object;
	object = NULL;

err:
	free_object(object);
	LOG_FUNC_RETURN(ctx, r);
}

struct sc_profile { char *name; };

struct sc_profile *sc_profile_new(void)
{
	return calloc(1, sizeof(struct sc_profile));
}

void sc_profile_free(struct sc_profile *profile)
{
	if (profile == NULL)
		return;
	free(profile->name);
	free(profile);
}

int read_info(struct sc_context *ctx, struct sc_profile *profile);
int load_profile(struct sc_profile *profile, const char *name);

/* The error branch frees and then leaves through the macro: r < 0 there, so it always returns. */
int bind_profile(struct sc_context *ctx, const char *name, struct sc_profile **result)
{
	int r;
	// ok: use-after-free, double-free
	struct sc_profile *profile = sc_profile_new();

	return_if_null(profile, "no memory", -1);
	r = read_info(ctx, profile);
	if (r < 0) {
		sc_profile_free(profile);
		LOG_TEST_RET(ctx, r, "Read info error");
	}
	r = load_profile(profile, name);
	if (r < 0) {
		sc_profile_free(profile);
		return r;
	}
	*result = profile;
	return 0;
}
