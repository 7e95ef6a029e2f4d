/* floor.c - the speed floor for ni-parse: read each file, find the front
 * matter, and run libyaml's event parser over it, doing nothing else. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

int main(int argc, char **argv)
{
	char path[4096];
	static char buf[1 << 22];
	unsigned long events = 0;
	(void)argc; (void)argv;
	while (fgets(path, sizeof path, stdin)) {
		path[strcspn(path, "\n")] = 0;
		FILE *fp = fopen(path, "rb");
		if (!fp)
			continue;
		size_t n = fread(buf, 1, sizeof buf - 1, fp);
		fclose(fp);
		buf[n] = 0;
		if (strncmp(buf, "---\n", 4) != 0)
			continue;
		char *end = strstr(buf + 4, "\n---");
		if (!end)
			continue;
		yaml_parser_t p;
		yaml_event_t ev;
		yaml_parser_initialize(&p);
		yaml_parser_set_input_string(&p, (unsigned char *)buf + 4,
					     (size_t)(end + 1 - (buf + 4)));
		int done = 0;
		while (!done && yaml_parser_parse(&p, &ev)) {
			done = ev.type == YAML_STREAM_END_EVENT;
			events++;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&p);
	}
	fprintf(stderr, "floor: %lu events\n", events);
	return 0;
}
