# The Ties service as an image: `docker build -t ties .` (docker-compose.yml builds it beside Neo4j).
# Installed from locks/service.txt (exact versions, every file's hash), so a build next year
# installs what passed today; runs as an unprivileged user; serves on 0.0.0.0:8000.
# It needs an external Neo4j: set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and TIES_JWT_SECRET (README: Deployment).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/ties \
    PATH=/opt/ties/bin:$PATH

# Dependencies first, alone: this layer is rebuilt only when the lock changes.
COPY locks/service.txt /tmp/service.txt
RUN python -m venv /opt/ties \
    && pip install --require-hashes -r /tmp/service.txt \
    && rm /tmp/service.txt

# The service reads its queries from cypher/ beside the package, so the tree is kept as it is
# (an editable install of /app, owned by root: the service cannot rewrite its own code).
WORKDIR /app
COPY pyproject.toml README.md ./
COPY cypher cypher
COPY service service
RUN pip install --no-deps --no-build-isolation -e . \
    && useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin ties

USER ties
ENV TIES_HOST=0.0.0.0 \
    TIES_PORT=8000
EXPOSE 8000

# Healthy once Neo4j answers (/readyz): python, because the slim image has no curl or wget.
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/readyz' % os.environ.get('TIES_PORT', '8000'), timeout=4)"]

CMD ["ties", "serve"]
