# The action server (docker-compose.yml service `actions`) and, from the same image, the
# website with the staff look-up API (service `web`: python -m web.server).
#
#   docker compose build actions     (context: the repository root, see .dockerignore)
FROM rasa/rasa-sdk:3.6.2

USER root
WORKDIR /app
ENV PYTHONPATH=/app \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The project is pinned for Python 3.10 (pyproject.toml); stop here if the base image differs.
RUN python -c 'import sys; assert sys.version_info[:2] == (3, 10), sys.version'

# What actions/, assistansguiden/ and web/ import beyond rasa-sdk, at the versions of
# constraints.txt, named here without versions (SQLAlchemy 1.4 and psycopg2 for the provider registry, PyYAML for the
# parameter table, tqdm for the CSV import, aiohttp for web.server). Rasa itself is not
# needed here.
COPY constraints.txt /tmp/constraints.txt
RUN pip install --no-cache-dir -c /tmp/constraints.txt \
        rasa-sdk \
        SQLAlchemy \
        psycopg2-binary \
        PyYAML \
        tqdm \
        aiohttp \
        rapidfuzz \
        holidays \
    && rm /tmp/constraints.txt

COPY --chown=1001:0 assistansguiden/ assistansguiden/
COPY --chown=1001:0 actions/ actions/
COPY --chown=1001:0 web/ web/
# The staff view shows the chat's own answer texts (actions/chat_text.py reads them).
COPY --chown=1001:0 bot/domain/ bot/domain/

USER 1001
EXPOSE 5055 8080
# ENTRYPOINT is the base image's entrypoint.sh (`start ...` runs python -m rasa_sdk).
CMD ["start", "--actions", "actions", "--port", "5055"]
