/*
 * rsyslog net_ossl_store.c style: a helper returns its argument, a static string, or a copy it also stores in
 * an out-parameter. What it returns is not the caller's to free (the copy is freed through the out-parameter),
 * so it is no allocator; a helper that returns only copies is one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void redact_value(char *buf, const char *key)
{
	char *pos = strstr(buf, key);

	if (pos != NULL)
		memset(pos + strlen(key), '*', strlen(pos + strlen(key)));
}

static const char *sanitize_log_value(const char *input, char **sanitized)
{
	static const char redacted[] = "[redacted]";

	*sanitized = NULL;
	if (strstr(input, "pin-value=") == NULL)
		return input;
	*sanitized = strdup(input);
	if (*sanitized == NULL)
		return redacted;
	redact_value(*sanitized, "pin-value=");
	return *sanitized;
}

static void free_sanitized_log_value(char **sanitized)
{
	free(*sanitized);
	*sanitized = NULL;
}

void log_load_error(const char *call, const char *input)
{
	char *sanitized = NULL;
	// ok: mem-leak
	const char *shown = sanitize_log_value(input, &sanitized);

	fprintf(stderr, "%s: load failed for '%s'\n", call, shown);
	free_sanitized_log_value(&sanitized);
}

static char *lowercase_copy(const char *input)
{
	char *copy = strdup(input);
	char *p;

	if (copy == NULL)
		return NULL;
	for (p = copy; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return copy;
}

int log_provider(const char *uri)
{
	// ruleid: mem-leak
	char *shown = lowercase_copy(uri);

	if (shown == NULL)
		return -1;
	fprintf(stderr, "provider: %s\n", shown);
	return 0;
}
