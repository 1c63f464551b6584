# A container image from the layered jar: ./mvnw -B -DskipTests package && docker build -t tcp-gateway .
# (or, without a Dockerfile: ./mvnw spring-boot:build-image)
# Java 25 for its AOT cache; the jar itself is Java 17 bytecode and runs on any JDK from 17 on.
FROM eclipse-temurin:25-jre AS layers
WORKDIR /workspace
COPY target/tcp-gateway-*-exec.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:25-jre
WORKDIR /workspace
COPY --from=layers /workspace/extracted/dependencies/ ./
COPY --from=layers /workspace/extracted/spring-boot-loader/ ./
COPY --from=layers /workspace/extracted/snapshot-dependencies/ ./
COPY --from=layers /workspace/extracted/application/ ./
# Record an AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) from a training run,
# deploy/aot-train.sh: it starts the gateway, echoes a few hundred lines over a few connections, asks the
# management port for health and metrics and stops it with SIGTERM, so that the cache holds the hot path and
# not only the context refresh; with the ENTRYPOINT's JVM flags, which the cache must match.
RUN --mount=type=bind,source=deploy/aot-train.sh,target=/tmp/aot-train.sh bash /tmp/aot-train.sh application.aot application.jar -XX:+ExitOnOutOfMemoryError -XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:TrimNativeHeapInterval=5000
EXPOSE 9000 8080
# exec form: the JVM gets SIGTERM directly, drains and exits 0.
# JVM policy (docs/operating.md, "Budgets and the JVM"): a gateway out of heap exits to be restarted rather
# than limp on; the heap is half the container's memory, the rest left to metaspace, threads and direct
# buffers; the serial collector, whatever the pod's CPUs and memory (no collector threads beside two event
# loops, the least native memory, the gateway's live set is small); the C heap that startup's compilations
# leave behind returned to the system every 5 s (about 30 MB of RSS).
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=50", "-XX:+UseSerialGC", "-XX:TrimNativeHeapInterval=5000", "-XX:AOTCache=application.aot", "-jar", "application.jar"]
