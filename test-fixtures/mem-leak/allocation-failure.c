/*
 * OpenDKIM opendkim.c shape: a header record is allocated, then its fields are strdup'ed; when a strdup
 * returns NULL the error branch frees one field and returns, leaking the record. The leak happens only when
 * memory runs out, so it is reported with the allocation named. Where another exit leaks without any
 * allocation failing, that exit is the one reported.
 */
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

struct header {
	char *hdr_hdr;
	char *hdr_val;
	struct header *hdr_next;
};

struct msgctx {
	struct header *mctx_hqhead;
	const char *mctx_jobid;
};

#define TRYFREE(x) do { if ((x) != NULL) { free(x); (x) = NULL; } } while (0)

int add_vbr_header(struct msgctx *dfc, const char *header)
{
	struct header *newhdr;

	// ruleid: mem-leak
	newhdr = (struct header *) malloc(sizeof(struct header));
	if (newhdr == NULL)
		return -1;
	(void) memset(newhdr, '\0', sizeof(struct header));

	newhdr->hdr_hdr = strdup("VBR-Info");
	// ruleid: mem-leak
	newhdr->hdr_val = strdup(header);
	if (newhdr->hdr_hdr == NULL || newhdr->hdr_val == NULL) {
		syslog(LOG_ERR, "%s: strdup(): out of memory", dfc->mctx_jobid);
		TRYFREE(newhdr->hdr_hdr);
		return -1;
	}
	newhdr->hdr_next = dfc->mctx_hqhead;
	dfc->mctx_hqhead = newhdr;
	return 0;
}

int copy_header_value(struct msgctx *dfc, const char *header, char **out)
{
	char *value;
	char *name;

	// ruleid: mem-leak
	value = strdup(header);
	if (value == NULL)
		return -1;
	name = strdup("X-Header");
	if (name == NULL)
		return -1; /* leaks value, but only when strdup fails */
	if (strchr(value, '\n') != NULL) {
		free(name);
		return -2; /* leaks value on a path where nothing failed to allocate: this is the one reported */
	}
	free(name);
	*out = value;
	(void) dfc;
	return 0;
}
