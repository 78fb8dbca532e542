/*
 * libssh2 openssl.c shape (gen_publickey_from_rsa): the CRT parameters are handed to the RSA key by
 * RSA_set0_crt_params, and the cleanup frees them only `if (rc)`. Every path that sets rc to -1 jumps to the
 * label before the hand-over; the path through the hand-over keeps rc at its initial 0, so the cleanup is
 * skipped there and nothing is freed twice.
 */
#include <openssl/bn.h>
#include <openssl/rsa.h>

static int set_crt_params(RSA *rsa, const BIGNUM *p, const BIGNUM *q, const BIGNUM *d)
{
	int rc = 0;
	BIGNUM *aux = NULL;
	BIGNUM *dmp1 = NULL;
	BIGNUM *dmq1 = NULL;
	BN_CTX *ctx = BN_CTX_new();
	if (!ctx)
		return -1;

	aux = BN_new();
	if (!aux) {
		rc = -1;
		goto out;
	}

	// ok: double-free
	dmp1 = BN_new();
	if (!dmp1) {
		rc = -1;
		goto out;
	}

	// ok: double-free
	dmq1 = BN_new();
	if (!dmq1) {
		rc = -1;
		goto out;
	}

	if (BN_sub(aux, q, BN_value_one()) == 0 || BN_mod(dmq1, d, aux, ctx) == 0 ||
	    BN_sub(aux, p, BN_value_one()) == 0 || BN_mod(dmp1, d, aux, ctx) == 0) {
		rc = -1;
		goto out;
	}

	RSA_set0_crt_params(rsa, dmp1, dmq1, NULL);

out:
	if (aux)
		BN_clear_free(aux);
	BN_CTX_free(ctx);

	if (rc) {
		if (dmp1)
			BN_clear_free(dmp1);
		if (dmq1)
			BN_clear_free(dmq1);
	}
	return rc;
}

/* The same cleanup without the `if (rc)`: after a successful hand-over the key owns dmp1. */
static int set_crt_params_twice(RSA *rsa, const BIGNUM *src)
{
	int rc = 0;
	// ruleid: double-free
	BIGNUM *dmp1 = BN_dup(src);
	if (!dmp1)
		return -1;

	if (!RSA_set0_crt_params(rsa, dmp1, NULL, NULL))
		rc = -1;
	BN_clear_free(dmp1);
	return rc;
}
