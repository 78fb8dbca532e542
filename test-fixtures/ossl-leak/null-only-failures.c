/*
 * ldns dnssec.c shape (ldns_convert_dsa_rrsig_rdf2asn1): R and S are checked non-NULL before
 * DSA_SIG_set0(dsasig, R, S), which fails only for a NULL r or s. Its failure branch (free the signature,
 * return) cannot be taken with both set, so R and S are never left behind there. When one of them was never
 * checked, the branch can be taken and the other leaks.
 */
#include <openssl/bn.h>
#include <openssl/dsa.h>

int dsa_sig_to_der(const unsigned char *raw, unsigned char **der)
{
	BIGNUM *R, *S;
	DSA_SIG *dsasig;
	int len;

	// ok: ossl-leak
	R = BN_new();
	if(!R) return -1;
	(void) BN_bin2bn(raw + 1, 20, R);
	// ok: ossl-leak
	S = BN_new();
	if(!S) {
		BN_free(R);
		return -1;
	}
	(void) BN_bin2bn(raw + 21, 20, S);

	dsasig = DSA_SIG_new();
	if (!dsasig) {
		BN_free(R);
		BN_free(S);
		return -1;
	}
	if (! DSA_SIG_set0(dsasig, R, S)) {
		DSA_SIG_free(dsasig);
		return -1;
	}
	len = i2d_DSA_SIG(dsasig, der);
	DSA_SIG_free(dsasig);
	return len;
}

/* S comes straight from BN_bin2bn, unchecked: when it is NULL, DSA_SIG_set0 fails and R is lost. */
int dsa_sig_to_der_unchecked(const unsigned char *raw, unsigned char **der)
{
	BIGNUM *R, *S;
	DSA_SIG *dsasig;
	int len;

	// ruleid: ossl-leak
	R = BN_bin2bn(raw + 1, 20, NULL);
	if (!R)
		return -1;
	S = BN_bin2bn(raw + 21, 20, NULL);

	dsasig = DSA_SIG_new();
	if (!dsasig) {
		BN_free(R);
		BN_free(S);
		return -1;
	}
	if (! DSA_SIG_set0(dsasig, R, S)) {
		DSA_SIG_free(dsasig);
		return -1;
	}
	len = i2d_DSA_SIG(dsasig, der);
	DSA_SIG_free(dsasig);
	return len;
}
