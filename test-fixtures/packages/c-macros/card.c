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
