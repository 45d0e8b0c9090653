# syntax=docker/dockerfile:1
#
# The proxy's image: `docker build -t claude-code-proxy .` (or `docker compose up -d`, see compose.yaml).
# Checked by DeploymentManifestsIT against the packaged jar (no Docker engine runs where the tests run).

# One Temurin release for both stages: the jar is compiled, tested and run on the same Java. Pin an exact build for
# reproducible images with --build-arg TEMURIN=25.0.3_9 (the tags are <version>-jdk-noble and <version>-jre-noble).
ARG TEMURIN=25

FROM eclipse-temurin:${TEMURIN}-jdk-noble AS build
WORKDIR /build
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY src/ src/
COPY routes/ routes/
COPY application.properties ./
# -Daot.skip: the JDK's ahead-of-time cache would be thrown away. A cache is valid only for the exact Java runtime
# that trained it, and the JRE is not the JDK's runtime: its lib/modules holds fewer modules, and a JVM refuses a
# cache trained over another lib/modules ("size has changed"; measured with a jlinked runtime of the same Temurin
# 25.0.3 build). So the runtime stage trains its own, below.
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -DskipTests -Daot.skip package

FROM eclipse-temurin:${TEMURIN}-jre-noble
# a user of its own with a numeric id: Kubernetes can only verify runAsNonRoot for a numeric USER
RUN groupadd --system --gid 10001 proxy \
    && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home \
        --shell /usr/sbin/nologin proxy
# The working directory is what the proxy reads its routes/ and application.properties from (ProxyApplication). Every
# file stays root's: the proxy only reads them, and it writes nothing but the JVM's temporary files in /tmp (Vert.x's
# file cache, Netty's native transport, hsperfdata), so the root filesystem may be read-only with /tmp writable.
WORKDIR /app
COPY --from=build /build/target/lib/ /app/lib/
COPY --from=build /build/target/claude-code-proxy.jar /app/claude-code-proxy.jar
COPY routes/ /app/routes/
COPY application.properties /app/application.properties
# The ahead-of-time cache, trained by this image's own JVM with the pom's training run (the aot-cache execution of
# exec-maven-plugin, its paths here): the jar starts on its packaged settings, any free ports on loopback, for two
# seconds, no .env and no application.yaml; start-up then takes about half the time.
RUN ["java", "-XX:AOTCacheOutput=/app/claude-code-proxy.aot", "-Xlog:aot=error,cds=error", "-Dccproxy.dotenv=/app/no-such.env", "-Dccproxy.yaml=/app/no-such.yaml", "-Dproxy.server.port=0", "-Dproxy.management.port=0", "-Dproxy.server.host=127.0.0.1", "-Dcamel.main.duration-max-seconds=2", "-jar", "/app/claude-code-proxy.jar"]

# In a container, 127.0.0.1 is the container's own loopback: the proxy's default for an open proxy (no client key)
# would make it unreachable through the published port. Who may reach it is decided outside: compose publishes on
# the host's loopback unless told otherwise, and in Kubernetes the Secret gives it a client key.
ENV HOST=0.0.0.0
# the proxy (PORT, proxy.server.port) and Camel's management server (PROXY_MANAGEMENT_PORT: /observe/metrics)
EXPOSE 8082 9876
USER 10001:10001

# Readiness, as the orchestrators ask for it: 200 from GET /health/ready, on the port the proxy listens on (PORT, else
# 8082). The JRE image has no curl or wget, and a Java program would start a second JVM inside the proxy's memory
# every interval (the JRE cannot even run a source file: it has no compiler). bash's /dev/tcp and builtins only:
# any answer but a 200 status line within 5 s, or no listener at all, fails the check.
HEALTHCHECK --interval=10s --timeout=6s --start-period=30s --retries=3 CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8082} && printf 'GET /health/ready HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r -t 5 _ status _ <&3 && [ \"$status\" = 200 ]"]

# The pom's exec configuration (scripts/bench.sh measured the proxy started this way), its paths here. The JVM is
# process 1 and handles SIGTERM itself: the drain (proxy.server.drain-seconds) then Camel's shutdown. More JVM
# options: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-Xmx1g", "-XX:AOTCache=/app/claude-code-proxy.aot", "-jar", "/app/claude-code-proxy.jar"]
