# A container image from the layered jar: ./mvnw -B -DskipTests package && docker build -t tcp-gateway .
# (or, without a Dockerfile: ./mvnw spring-boot:build-image)
FROM eclipse-temurin:17-jre AS layers
WORKDIR /workspace
COPY target/tcp-gateway-*.jar application.jar
RUN java -Djarmode=tools -jar application.jar extract --layers --destination extracted

FROM eclipse-temurin:17-jre
WORKDIR /workspace
COPY --from=layers /workspace/extracted/dependencies/ ./
COPY --from=layers /workspace/extracted/spring-boot-loader/ ./
COPY --from=layers /workspace/extracted/snapshot-dependencies/ ./
COPY --from=layers /workspace/extracted/application/ ./
# Record a class-data-sharing archive: the context starts once and exits before listening. With it the
# gateway starts in about half the time and with less memory (docs/performance.md, "Startup").
RUN java -XX:ArchiveClassesAtExit=application.jsa -Dspring.context.exit=onRefresh -jar application.jar
EXPOSE 9000 8080
# exec form: the JVM gets SIGTERM directly, drains and exits 0.
# JVM policy (docs/operating.md, "Memory"): a gateway out of heap exits to be restarted rather than limp on,
# and the heap is half the container's memory, the rest left to metaspace, threads and direct buffers.
ENTRYPOINT ["java", "-XX:+ExitOnOutOfMemoryError", "-XX:MaxRAMPercentage=50", "-XX:SharedArchiveFile=application.jsa", "-jar", "application.jar"]
