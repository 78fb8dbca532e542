#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A getter that caches what it computes in a field of its parameter returns a borrowed pointer: the object
 * keeps it and frees it with itself (OpenSC pkcs15.c's sc_pkcs15_get_lastupdate). */

struct token_info {
	char *last_update;
	char path[64];
};

int read_file(const char *path, char *buf, size_t len);

char *get_last_update(struct token_info *info)
{
	char buf[32] = {0};

	if (info->last_update)
		goto done;
	if (read_file(info->path, buf, sizeof(buf) - 1) < 0)
		return NULL;
	info->last_update = strdup(buf);
	if (!info->last_update)
		return NULL;
done:
	return info->last_update;
}

/* A helper that copies instead returns an owned string, or NULL. */
char *copy_name(const struct token_info *info)
{
	return info->last_update ? strdup(info->last_update) : NULL;
}

void print_name(struct token_info *info)
{
	/* ruleid: mem-leak */
	char *name = copy_name(info);

	if (name)
		printf("name: %s\n", name);
}

char *copy_last_update(const struct token_info *info)
{
	if (!info->last_update)
		return NULL;
	return strdup(info->last_update);
}

void print_token(struct token_info *info)
{
	/* ok: mem-leak */
	char *last_update = get_last_update(info);

	if (last_update)
		printf("last update: %s\n", last_update);
}

void print_copy(struct token_info *info)
{
	/* ruleid: mem-leak */
	char *last_update = copy_last_update(info);

	if (last_update)
		printf("last update: %s\n", last_update);
}
