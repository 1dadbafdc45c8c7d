"""gunicorn's settings for this site: `gunicorn config.wsgi` reads this file from the
folder it is started in (the project's), so every command in the README and the deploy
notes gets them.

The access log, when one is asked for (--access-logfile), never holds the key of a
private link (/my-program/<key>/, /answers/<key>/) nor what a patient typed into a
search (core.log_filters.RedactingAccessLogger). SECURITY.md lists every log.
"""

logger_class = "core.log_filters.RedactingAccessLogger"

# Threads, so that a slow or idle client (a phone on a bad connection, three idle
# sockets) holds one thread, never a whole worker: the site keeps answering everyone
# else. Each worker serves this many requests at once; `--threads` on the command line
# overrides it.
worker_class = "gthread"
threads = 4
