/*
 * OpenSC npa-tool.c / ctx.c and OpenDKIM style: libc calls that write into a buffer they are given. getline
 * grows the buffer it was passed (one free after the loop releases it); realpath with a buffer fills it and
 * allocates nothing.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int count_pins(FILE *input)
{
	char *read = NULL;
	size_t readlen = 0;
	int n = 0;

	// ok: mem-leak
	while (getline(&read, &readlen, input) != -1) {
		if (strncmp(read, "PIN=", 4) == 0)
			n++;
	}
	free(read);
	return n;
}

int first_line_length(FILE *input)
{
	char *line = NULL;
	size_t cap = 0;
	// ruleid: mem-leak
	ssize_t len = getline(&line, &cap, input);

	if (len < 0)
		return -1; /* getline allocated even though it failed: the buffer is left behind */
	free(line);
	return (int)len;
}

int module_dir(char *out, size_t outlen)
{
	char exe_path[PATH_MAX];
	char *p;

	// ok: mem-leak
	p = realpath("/proc/self/exe", exe_path);
	if (p == NULL)
		return -1;
	strncpy(out, p, outlen - 1);
	out[outlen - 1] = '\0';
	return 0;
}

int resolve_socket(const char *path, char **resolved)
{
	// ruleid: mem-leak
	char *p = realpath(path, NULL);

	if (p == NULL)
		return -1;
	if (strlen(p) > 107)
		return -1; /* too long for sun_path, and the allocation is lost */
	*resolved = p;
	return 0;
}
