/*
 * OpenSC tools style: an error helper defined in the file that never returns (its body ends in exit()), called
 * after releasing what the failing step held. Read as returning, every `free; fatal(...)` fell through to the
 * normal release below it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

static const char *app_name = "pkcs11-tool";

static void fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", app_name);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void write_public_key(const unsigned char *der, long len, const char *path)
{
	const unsigned char *p = der;
	BIO *out;
	// ok: double-free, use-after-free
	EVP_PKEY *pkey = d2i_PUBKEY(NULL, &p, len);

	if (pkey == NULL)
		fatal("cannot parse the public key");
	// ok: double-free
	out = BIO_new_file(path, "w");
	if (out == NULL) {
		EVP_PKEY_free(pkey);
		fatal("cannot open %s", path);
	}
	if (!PEM_write_bio_PUBKEY(out, pkey)) {
		BIO_free(out);
		EVP_PKEY_free(pkey);
		fatal("cannot write the public key to %s", path);
	}
	BIO_free(out);
	EVP_PKEY_free(pkey);
}

static void write_public_key_warning(const unsigned char *der, long len, const char *path)
{
	const unsigned char *p = der;
	BIO *out;
	// ruleid: double-free
	EVP_PKEY *pkey = d2i_PUBKEY(NULL, &p, len);

	if (pkey == NULL)
		return;
	out = BIO_new_file(path, "w");
	if (out == NULL) {
		EVP_PKEY_free(pkey);
		warn("cannot open %s", path); /* returns: the free below runs again */
	}
	if (out != NULL) {
		if (!PEM_write_bio_PUBKEY(out, pkey))
			warn("cannot write the public key to %s", path);
		BIO_free(out);
	}
	EVP_PKEY_free(pkey);
}
