/*
 * ldns dnssec.c style: the pre-1.1 arm stores the numbers into the object's fields under a nested
 * `#ifndef S_SPLINT_S` with no `#else`; the store is compiled in every build that compiles the arm.
 */
#include <stdint.h>
#include <stddef.h>
#include <openssl/bn.h>
#include <openssl/dsa.h>

DSA *key_buf2dsa(const unsigned char *key, size_t len)
{
	size_t t = key[0];
	DSA *dsa;
	// ok: ossl-leak
	BIGNUM *Q = BN_bin2bn(key + 1, 20, NULL);
	// ok: ossl-leak
	BIGNUM *P = BN_bin2bn(key + 21, (int)(64 + t * 8), NULL);
	// ok: ossl-leak
	BIGNUM *G = BN_bin2bn(key + 21 + 64 + t * 8, (int)(64 + t * 8), NULL);

	if (len < 21 + 3 * (64 + t * 8) || !Q || !P || !G) {
		BN_free(Q);
		BN_free(P);
		BN_free(G);
		return NULL;
	}
	dsa = DSA_new();
	if (!dsa) {
		BN_free(Q);
		BN_free(P);
		BN_free(G);
		return NULL;
	}
#if OPENSSL_VERSION_NUMBER < 0x10100000 || defined(HAVE_LIBRESSL)
#ifndef S_SPLINT_S
	dsa->p = P;
	dsa->q = Q;
	dsa->g = G;
#endif /* splint */
#else
	if (!DSA_set0_pqg(dsa, P, Q, G)) {
		BN_free(Q);
		BN_free(P);
		BN_free(G);
		DSA_free(dsa);
		return NULL;
	}
#endif
	return dsa;
}
