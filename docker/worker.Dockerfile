# The training worker: hpconf and hpconf-training built from this repository (python -m build) and
# installed with exactly the versions python/requirements.lock pins, running as a non-root user.
#   podman build -f docker/worker.Dockerfile -t hpconf-training:0.1.0 .
ARG PYTHON_IMAGE=docker.io/library/python:3.11.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
WORKDIR /src
COPY python/requirements.lock python/requirements.lock
RUN python -m pip install --no-cache-dir build==1.6.1 hatchling==1.33.0
COPY catalog catalog
COPY spec spec
COPY python python
COPY training training
RUN python -m build --no-isolation --wheel --outdir /wheels python \
 && python -m build --no-isolation --wheel --outdir /wheels training \
 && python -m venv /venv \
 && /venv/bin/pip install --no-cache-dir --constraint python/requirements.lock /wheels/*.whl

FROM ${PYTHON_IMAGE}
# LightGBM and XGBoost need the OpenMP runtime, which slim images leave out.
RUN apt-get update && apt-get install -y --no-install-recommends libgomp1 && rm -rf /var/lib/apt/lists/*
COPY --from=build /venv /venv
RUN groupadd --gid 10001 hpconf && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin hpconf
USER 10001:10001
ENV PATH=/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1
# A worker is a batch process: the check says the image can import its training stack.
HEALTHCHECK --interval=60s --timeout=20s CMD ["python", "-c", "import hpconf, hpconf_training"]
ENTRYPOINT ["python", "-m", "hpconf_training.worker"]
