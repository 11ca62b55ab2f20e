# The hpconf Console and CLI, installed from the package this repository builds (npm pack), with
# dev dependencies omitted, running as a non-root user.
#   podman build -f docker/console.Dockerfile -t hpconf-console:0.1.0 .
# Base images are pinned to exact versions; pin them by digest in your registry mirror too.
ARG NODE_IMAGE=docker.io/library/node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# npm pack runs the build (prepack): dist/ holds the compiled CLI, Console and resolver.
RUN mkdir -p /pkg && npm pack --pack-destination /pkg

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
# A fixed mmap threshold: V8 frees the 1-2 MB zones it compiles PGlite's largest functions in, and each free would
# raise glibc's threshold, keeping later blocks on heaps that are not returned. The Console on the embedded store
# held 161 MiB instead of 170 after the read bench's load, measured before PGlite's shared memory was sized to one
# backend (README, Benchmarks). glibc reads it only at start.
ENV MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app
COPY --from=build /pkg/ /tmp/pkg/
RUN printf '{"name":"hpconf-image","private":true}\n' > package.json \
 && npm install --omit=dev --no-audit --no-fund /tmp/pkg/hpconf-*.tgz \
 && rm -rf /tmp/pkg /root/.npm \
 && groupadd --gid 10001 hpconf && useradd --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin hpconf
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/api/v1/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/app/node_modules/.bin/hpconf"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
