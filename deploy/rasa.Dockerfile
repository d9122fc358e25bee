# The Rasa server (docker-compose.yml service `rasa`): Rasa Open Source 3.6.21 with the
# project's add-ons (bot/addons/: channels, components, masking tracker stores) and a model trained
# while the image is built, so a container starts without training or downloading anything.
#
#   docker compose build rasa        (context: the repository root, see .dockerignore)
FROM rasa/rasa:3.6.21-full

USER root
WORKDIR /app
# Rasa's own telemetry stays off in every container.
ENV RASA_TELEMETRY_ENABLED=false \
    PYTHONPATH=/app \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# The project is pinned for Python 3.10 (pyproject.toml); stop here if the base image differs.
RUN python -c 'import sys; assert sys.version_info[:2] == (3, 10), sys.version'

# The project's dependencies beyond what the image has (rasa itself is the image's), at the
# versions of constraints.txt (names only here, so the pins live in one file): python-socketio newer than 5.9.0 makes Rasa 3.6's socket.io
# channel drop replies, SQLAlchemy 2 breaks the SQL tracker store, spacy-lookups-data has the
# Swedish lemma tables. tests/deploy checks that this list follows pyproject.toml.
COPY constraints.txt /tmp/constraints.txt
RUN pip install --no-cache-dir -c /tmp/constraints.txt \
        rasa-sdk \
        python-socketio \
        SQLAlchemy \
        spacy-lookups-data \
        PyYAML \
        tqdm \
        psycopg2-binary \
        redis \
        rapidfuzz \
        holidays \
        py3langid \
    && rm /tmp/constraints.txt

# Only what the Rasa server reads or imports: config, domain, endpoints and credentials
# (bot/, with its Python in bot/addons/: channel connectors, pipeline components, masking
# tracker stores), training data (data/), and the domain package (assistansguiden/: the
# add-ons use its masking and message checks). tests/deploy checks that every module bot/
# names, and every local package those import, is copied.
COPY --chown=1001:0 bot/ bot/
COPY --chown=1001:0 data/ data/
COPY --chown=1001:0 assistansguiden/ assistansguiden/
COPY --chown=1001:0 scripts/build_spacy_model.py scripts/build_spacy_model.py

USER 1001
# The blank Swedish spaCy pipeline (bot/config.yml: model .data/spacy-sv), then the model.
RUN python scripts/build_spacy_model.py .data/spacy-sv \
    && rasa train --config bot/config.yml --domain bot/domain --data data \
        --out models --fixed-model-name assistansguiden \
    && rm -rf .rasa .config .cache

EXPOSE 5005
# ENTRYPOINT is the base image's `rasa`; docker-compose.yml gives `run ...` as the command.
CMD ["run", "--model", "models/assistansguiden.tar.gz", "--endpoints", "bot/endpoints.prod.yml", \
     "--credentials", "bot/credentials.yml", "--port", "5005"]
