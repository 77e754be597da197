# syntax=docker/dockerfile:1
#
# sealdrop server image.
#   docker build -t sealdrop-server .
#   docker run -p 8080:8080 -v sealdrop-data:/data -e SEALDROP_ADMIN_PASSWORD=... sealdrop-server
# Without SEALDROP_ADMIN_PASSWORD the first start logs a generated admin password once
# (docker logs <container>).

# ---- build: JDK 17 (the project's release level) and Maven ----------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# Only the server and what it needs (format); tests run in CI, not in the image build.
# The cache mount keeps ~/.m2 between builds without baking it into a layer.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -Dmaven.test.skip=true -pl server -am package
# Split the fat jar into layers (dependencies change rarely, application often) and into a
# plain jar + lib/ that starts faster and lets the health check use the classpath directly.
RUN java -Djarmode=tools -jar server/target/sealdrop-server.jar extract --layers --destination /extracted

# ---- runtime: JRE only -------------------------------------------------------------------------
FROM eclipse-temurin:25-jre

# Fixed numeric ids so volume ownership and Kubernetes runAsUser are predictable.
RUN groupadd --system --gid 10001 sealdrop \
    && useradd --system --uid 10001 --gid sealdrop --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin sealdrop \
    && mkdir /data \
    && chown 10001:10001 /data \
    && chmod 700 /data

WORKDIR /app
# Application files stay owned by root: the server user can read but not modify its own code.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./

# All state (database, keys, blobs) lives in the volume.
ENV SEALDROP_DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 8080
USER 10001:10001

# The probe is a JDK-only main class in the application jar (no curl in the image, nothing extra
# to patch); it exits 0 iff GET /actuator/health/liveness answers 200. Small heap, C1 only: it
# runs every 30 s and must stay cheap.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
    CMD ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx32m", "-cp", "/app/sealdrop-server.jar", "dev.sealdrop.server.system.HealthCheck"]

ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/sealdrop-server.jar"]
