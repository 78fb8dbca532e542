/*
 * OpenDKIM opendkim-testkey.c shape: main reads the private key file into a malloc'd buffer and hands it to
 * dkim_test_key (libopendkim/dkim-test.c), which only borrows it: one build points a stack datum at it
 * (`keybuf.data = key`), the other wraps it in a read-only memory BIO. Neither keeps it past the call, so
 * the buffer main never frees leaks at its returns.
 */
#include <stdlib.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

struct datum {
	unsigned char *data;
	unsigned int size;
};

int test_key(char *key, size_t keylen)
{
	int status = -1;
#ifdef USE_GNUTLS
	struct datum keybuf;
#else
	BIO *keybuf;
	EVP_PKEY *pkey;
#endif

	if (key == NULL)
		return 0;
#ifdef USE_GNUTLS
	keybuf.data = (unsigned char *)key;
	keybuf.size = keylen;
	status = keybuf.size > 0 ? 0 : -1;
#else
	keybuf = BIO_new_mem_buf(key, (int)keylen);
	if (keybuf == NULL)
		return -1;
	pkey = PEM_read_bio_PrivateKey(keybuf, NULL, NULL, NULL);
	BIO_free(keybuf);
	if (pkey != NULL) {
		status = 0;
		EVP_PKEY_free(pkey);
	}
#endif
	return status;
}

int main(int argc, char **argv)
{
	char *key = NULL;
	size_t keylen = 0;

	if (argc > 1) {
		keylen = 4096;
		// ruleid: mem-leak
		key = malloc(keylen);
		if (key == NULL)
			return 1;
	}
	switch (test_key(key, keylen)) {
	case -1:
		return 2;
	case 0:
		return 0;
	default:
		return 3;
	}
}
