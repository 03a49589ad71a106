#!/bin/sh
# Start the blog with gunicorn on port 8000 (used by Dockerfile.handwritten, as in the original pattern).
set -e
exec gunicorn blog.wsgi --bind 0.0.0.0:8000 --workers "${GUNICORN_WORKERS:-2}" --access-logfile -
