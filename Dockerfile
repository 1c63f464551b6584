# A container image from the layered jar: ./mvnw -B -DskipTests package && docker build -t tcp-gateway .
# (or, without a Dockerfile: ./mvnw spring-boot:build-image)
FROM eclipse-temurin:17-jre AS layers
WORKDIR /workspace
COPY target/tcp-gateway-*.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:17-jre
WORKDIR /workspace
COPY --from=layers /workspace/extracted/dependencies/ ./
COPY --from=layers /workspace/extracted/spring-boot-loader/ ./
COPY --from=layers /workspace/extracted/snapshot-dependencies/ ./
COPY --from=layers /workspace/extracted/application/ ./
EXPOSE 9000 8080
# exec form: the JVM gets SIGTERM directly, drains and exits 0
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
