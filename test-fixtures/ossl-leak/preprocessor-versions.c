/*
 * OpenSC pkcs15-prkey.c / pkcs11-tool.c style: the same version test written both ways (`< 0x30000000L` around
 * the allocation, `>= 0x30000000L` around its release), and tests of different versions that imply each
 * other (OpenSSL >= 3.0 is also >= 1.0.2).
 */
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/core_names.h>

int convert_rsa_key(EVP_PKEY *pk, BIGNUM **modulus)
{
#if OPENSSL_VERSION_NUMBER < 0x30000000L
	const BIGNUM *src_n, *src_e, *src_d;
	RSA *src = NULL;
	if (!(src = EVP_PKEY_get1_RSA(pk)))
		return -1;
	RSA_get0_key(src, &src_n, &src_e, &src_d);
#else
	// ok: ossl-leak
	BIGNUM *src_n = NULL;
	if (EVP_PKEY_get_bn_param(pk, OSSL_PKEY_PARAM_RSA_N, &src_n) != 1)
		return -2;
#endif
	*modulus = BN_dup(src_n);
	if (*modulus == NULL) {
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
		BN_free(src_n);
#else
		RSA_free(src);
#endif
		return -3;
	}
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	BN_free(src_n);
#else
	RSA_free(src);
#endif
	return 0;
}

int encrypt_with(EVP_PKEY *pkey, const unsigned char *in, size_t inlen, unsigned char *out, size_t *outlen)
{
	int r = -1;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	// ok: ossl-leak
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_from_pkey(NULL, pkey, NULL);
#else
	/* Before 1.0.2 this context is left behind (the arm below returns): a leak of that build only. */
	// ruleid: ossl-leak
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);
#endif
	if (ctx == NULL)
		return -1;
#if OPENSSL_VERSION_NUMBER >= 0x10002000L
	if (EVP_PKEY_encrypt_init(ctx) == 1 && EVP_PKEY_encrypt(ctx, out, outlen, in, inlen) == 1)
		r = 0;
	EVP_PKEY_CTX_free(ctx);
#else
	return -2;
#endif
	return r;
}

int encrypt_forgetting(EVP_PKEY *pkey, const unsigned char *in, size_t inlen, unsigned char *out, size_t *outlen)
{
#if OPENSSL_VERSION_NUMBER < 0x10002000L
	return -2;
#else
	// ruleid: ossl-leak
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(pkey, NULL);

	if (ctx == NULL)
		return -1;
#if OPENSSL_VERSION_NUMBER >= 0x30000000L
	if (EVP_PKEY_encrypt_init(ctx) != 1)
		return -1; /* the context is left behind on 3.0 */
#endif
	if (EVP_PKEY_encrypt(ctx, out, outlen, in, inlen) != 1) {
		EVP_PKEY_CTX_free(ctx);
		return -1;
	}
	EVP_PKEY_CTX_free(ctx);
	return 0;
#endif
}
