#include <stdlib.h>
#include <string.h>

/* A helper that frees a field and stores a new value there (or NULL) leaves the field holding something else:
 * the destructor's later free of the field is not a second free (OpenSC pkcs15-lib.c: set_info_string and
 * sc_pkcs15init_parse_info replacing profile->name). */

struct profile {
	char *name;
	char *options[8];
};

void profile_free(struct profile *profile)
{
	free(profile->name);
	free(profile);
}

static int parse_info(struct profile *profile, const char *p, size_t len)
{
	char *s;

	if (len == 0)
		goto error;
	if (!(s = malloc(len + 1)))
		return -1;
	memcpy(s, p, len);
	s[len] = '\0';
	free(profile->name);
	profile->name = s;
	return 0;

error:
	if (profile->name) {
		free(profile->name);
		profile->name = NULL;
	}
	return -1;
}

static int read_info(struct profile *profile, const char *mem, size_t len)
{
	return parse_info(profile, mem, len);
}

struct profile *profile_load(const char *name, const char *mem, size_t len)
{
	struct profile *profile = calloc(1, sizeof(*profile));

	if (profile == NULL)
		return NULL;
	/* ok: double-free, use-after-free */
	profile->name = strdup(name);
	if (read_info(profile, mem, len) < 0) {
		profile_free(profile);
		return NULL;
	}
	return profile;
}

/* Freed without a new value: the destructor frees it again. */
static void drop_name(struct profile *profile)
{
	free(profile->name);
}

void profile_rename(const char *name)
{
	struct profile *profile = calloc(1, sizeof(*profile));

	if (profile == NULL)
		return;
	/* ruleid: double-free */
	profile->name = strdup(name);
	drop_name(profile);
	profile_free(profile);
}
