#!/bin/sh
# mapreduce.sh - a summary of a corpus that outgrew one machine: the map
# step runs anywhere (GNU parallel, here or on HOSTS), the merge is exact.
#   ITEMS=... HOSTS=host1,host2 examples/cron/mapreduce.sh
# The same with Hadoop Streaming (ni-summarize is mapper and reducer):
#   hadoop jar hadoop-streaming.jar -input items.ndjson -output out \
#     -mapper  'ni-summarize -b week,tags --partial' \
#     -reducer 'ni-summarize -b week,tags --merge' -numReduceTasks 1
set -u
: "${ITEMS:?}"
OPTS=${OPTS:--b week,tags --top 5 --items 3}
ni-parse "$ITEMS" |
	parallel --will-cite --pipe -N "${CHUNK:-1000}" ${HOSTS:+-S "$HOSTS"} \
		ni-summarize $OPTS --partial |
	ni-summarize $OPTS --merge
