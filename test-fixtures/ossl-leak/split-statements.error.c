/*
 * Conditionals that split one statement: libssh2 openssl.c (`if(ret != -1)` / `if(ret >= 1)` as the arms, the
 * block after `#endif`; `if(bp)` before an `#ifdef` whose arms are its body; `fail:` right before `#ifdef`),
 * libwebsockets lws-genhash.c (`if (HMAC_Init_ex(...) != 1)` per API, `goto bail;` after) and nginx
 * (`const` in a declaration, `&& quic == NULL` in a condition). Each is read in the configuration that parses
 * (the OpenSSL 3 arm, else the first), so each `if` keeps its body: the leaks below are found where the
 * condition fails, and the freed paths stay quiet.
 */
#include <stddef.h>
#include <string.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

struct hmac_ctx {
	HMAC_CTX *ctx;
	const EVP_MD *evp_type;
};

int genhmac_init(struct hmac_ctx *ctx, const unsigned char *key, size_t key_len, int type)
{
	ctx->evp_type = type ? EVP_sha256() : EVP_sha1();
	// ok: ossl-leak
	ctx->ctx = HMAC_CTX_new();
	if (!ctx->ctx)
		return -1;

#if defined(LWS_HAVE_HMAC_CTX_new) || defined(OPENSSL_IS_BORINGSSL)
	if (HMAC_Init_ex(ctx->ctx, key,
			(int)key_len, ctx->evp_type, NULL) != 1)
#else
	if (HMAC_Init_ex(ctx->ctx, key, (int)key_len, ctx->evp_type, NULL) != 1)
#endif
		goto bail;

	return 0;

bail:
#if defined(LWS_HAVE_HMAC_CTX_new) || defined(OPENSSL_IS_BORINGSSL)
	HMAC_CTX_free(ctx->ctx);
#endif
	return -1;
}

int read_private_key(EVP_PKEY **pkey, const char *filename, const unsigned char *blob, int blob_len)
{
	BIO *bp;
	int ret = -1;

	*pkey = NULL;
	if(filename)
		// ruleid: ossl-leak
		bp = BIO_new_file(filename, "r");
	else
		// ruleid: ossl-leak
		bp = BIO_new_mem_buf(blob, blob_len);
	if(bp)
#ifdef USE_OPENSSL_3
		*pkey = PEM_read_bio_PrivateKey(bp, NULL, NULL, NULL);
#else
		*pkey = PEM_read_bio_PrivateKey(bp, NULL, NULL, (void *)"");
#endif
	if(!*pkey)
		return -1;

	ret = 0;
fail:
#ifdef USE_OPENSSL_3
	BIO_free(bp);
#else
	BIO_free_all(bp);
#endif
	return ret;
}

int cipher_crypt(EVP_CIPHER_CTX *ctx, unsigned char *block, int blocksize)
{
	int ret;
	// ruleid: ossl-leak
	unsigned char *buf = OPENSSL_malloc(blocksize);

	if(!buf)
		return -1;
	ret = EVP_Cipher(ctx, buf, block, blocksize);
#if defined(USE_OPENSSL_3) || defined(LIBSSH2_WOLFSSL)
	if(ret != -1)
#else
	if(ret >= 1)
#endif
	{
		memcpy(block, buf, blocksize);
		OPENSSL_free(buf);
		return 0;
	}
	return -1;
}

int close_request(int timedout, void *quic, BIO *out)
{
	// ruleid: ossl-leak
	BIO *log = BIO_new(BIO_s_mem());
	if (!log)
		return -1;
	if (timedout
#if (NGX_HTTP_V3)
	    && quic == NULL
#endif
	   )
		return 1;
	BIO_free(log);
	return 0;
}
