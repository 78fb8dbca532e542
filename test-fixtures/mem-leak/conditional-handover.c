/*
 * rsyslog mmkubernetes.c shape (cache_entry_add): the key given to hashtable_insert is a copy only when the
 * caller asks for one, `bDupKey ? dup_key : key`, and the copy is cleared right after the insert succeeds:
 * the table owns it then (hashtable_insert passes it on to a function not seen here). On the insert's failure
 * the cleanup label frees it.
 */
#include <stdlib.h>
#include <string.h>

struct hashtable;
unsigned int hashtable_hash(struct hashtable *h, void *k);
int hashtable_insert_prehashed(struct hashtable *h, unsigned int hashvalue, void *k, void *v);

/* As in rsyslog's runtime/hashtable.c: the key goes on to a function this file does not define. */
int hashtable_insert(struct hashtable *h, void *k, void *v)
{
	return hashtable_insert_prehashed(h, hashtable_hash(h, k), k, v);
}

int cache_entry_add(struct hashtable *ht, const char *key, void *entry, int bDupKey)
{
	int ret = 0;
	char *dup_key = NULL;

	if (key == NULL)
		return -1;
	if (bDupKey) {
		// ok: mem-leak
		dup_key = strdup(key);
		if (dup_key == NULL) {
			ret = -1;
			goto finalize_it;
		}
	}
	if (!hashtable_insert(ht, (void *)(bDupKey ? dup_key : key), entry)) {
		ret = -1;
		goto finalize_it;
	}
	dup_key = NULL;

finalize_it:
	free(dup_key);
	return ret;
}

/* The failed insert returns without freeing the copy it was given. */
int cache_entry_add_leaky(struct hashtable *ht, const char *key, void *entry, int bDupKey)
{
	// ruleid: mem-leak
	char *dup_key = strdup(key);

	if (dup_key == NULL)
		return -1;
	if (!hashtable_insert(ht, (void *)(bDupKey ? dup_key : (char *)key), entry))
		return -1;
	dup_key = NULL;
	return 0;
}
