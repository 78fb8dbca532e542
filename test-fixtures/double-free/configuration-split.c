/*
 * OpenSC piv-tool.c shape (gen_key): the pre-3.0 arm makes and checks the EVP_PKEY before the key's numbers are
 * read; a later pre-3.0 arm hands the RSA key to it with EVP_PKEY_assign_RSA, whose failure branch would free
 * the numbers twice. The numbers are read after both arms meet, where neither configuration's facts hold for
 * every path; each configuration alone says the EVP_PKEY was checked (pre-3.0) or that arm is not compiled
 * (3.0), so the failure branch is never taken.
 */
#include <stdio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

int gen_key(const unsigned char *n, int n_len, const unsigned char *e, int e_len, EVP_PKEY **out)
{
	int r = 1;
	EVP_PKEY *evpkey = NULL;
	BIGNUM *newkey_n, *newkey_e;

#if OPENSSL_VERSION_NUMBER < 0x30000000L
	evpkey = EVP_PKEY_new();
	if (!evpkey) {
		fprintf(stderr, "allocation of key failed\n");
		return 1;
	}
#endif

	// ok: double-free
	newkey_n = BN_bin2bn(n, n_len, NULL);
	// ok: double-free
	newkey_e = BN_bin2bn(e, e_len, NULL);
	if (!newkey_n || !newkey_e) {
		BN_free(newkey_n);
		BN_free(newkey_e);
		goto out;
	}

#if OPENSSL_VERSION_NUMBER < 0x30000000L
	RSA *newkey = RSA_new();
	if (!newkey) {
		BN_free(newkey_n);
		BN_free(newkey_e);
		goto out;
	}
	if (RSA_set0_key(newkey, newkey_n, newkey_e, NULL) != 1) {
		RSA_free(newkey);
		BN_free(newkey_n);
		BN_free(newkey_e);
		goto out;
	}
	if (EVP_PKEY_assign_RSA(evpkey, newkey) != 1) {
		RSA_free(newkey);
		BN_free(newkey_n);
		BN_free(newkey_e);
		goto out;
	}
#else
	evpkey = NULL;
	BN_free(newkey_n);
	BN_free(newkey_e);
#endif
	*out = evpkey;
	evpkey = NULL;
	r = 0;
out:
	EVP_PKEY_free(evpkey);
	return r;
}
