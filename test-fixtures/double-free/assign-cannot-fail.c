/*
 * OpenSC piv-tool.c shape (gen_key, pre-3.0 arm): the modulus and exponent go to the RSA key by
 * RSA_set0_key, and the key to the EVP_PKEY by EVP_PKEY_assign_RSA. Its failure branch frees the key and then
 * the numbers again, which would be a double free; but EVP_PKEY_assign_RSA fails only for a NULL pkey or key,
 * and both were checked, so that branch is never taken. Where the EVP_PKEY was never checked it can be.
 */
#include <stdio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

int set_rsa_key(EVP_PKEY *evpkey, const unsigned char *n, int n_len, const unsigned char *e, int e_len)
{
	BIGNUM *newkey_n, *newkey_e;
	RSA *newkey = NULL;

	if (!evpkey)
		return 1;
	// ok: double-free
	newkey_n = BN_bin2bn(n, n_len, NULL);
	// ok: double-free
	newkey_e = BN_bin2bn(e, e_len, NULL);
	if (!newkey_n || !newkey_e) {
		BN_free(newkey_n);
		BN_free(newkey_e);
		return 1;
	}

	newkey = RSA_new();
	if (!newkey) {
		BN_free(newkey_n);
		BN_free(newkey_e);
		return 1;
	}
	if (RSA_set0_key(newkey, newkey_n, newkey_e, NULL) != 1) {
		RSA_free(newkey);
		BN_free(newkey_n);
		BN_free(newkey_e);
		return 1;
	}
	if (EVP_PKEY_assign_RSA(evpkey, newkey) != 1) {
		RSA_free(newkey);
		BN_free(newkey_n);
		BN_free(newkey_e);
		fprintf(stderr, "gen_key unable to set RSA values");
		return 1;
	}
	return 0;
}

/* evpkey may be NULL here: the assignment can fail, and its branch frees the numbers a second time. */
int set_rsa_key_unchecked(EVP_PKEY *evpkey, BIGNUM *e)
{
	RSA *newkey = RSA_new();
	// ruleid: double-free
	BIGNUM *newkey_n = BN_new();

	if (!newkey || !newkey_n) {
		RSA_free(newkey);
		BN_free(newkey_n);
		return 1;
	}
	if (RSA_set0_key(newkey, newkey_n, e, NULL) != 1) {
		RSA_free(newkey);
		BN_free(newkey_n);
		return 1;
	}
	if (EVP_PKEY_assign_RSA(evpkey, newkey) != 1) {
		RSA_free(newkey);
		BN_free(newkey_n);
		return 1;
	}
	return 0;
}
