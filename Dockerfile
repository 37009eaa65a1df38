# Driftwatch's command line in a container: 'run', 'simulate', 'topics', 'tail', 'profile' (see README).
FROM maven:3.9.11-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q package -DskipTests -pl app -am

FROM eclipse-temurin:17.0.16_8-jre
RUN useradd --system --home-dir /var/lib/driftwatch --create-home driftwatch
COPY --from=build /src/app/target/driftwatch.jar /opt/driftwatch/driftwatch.jar
COPY --from=build /src/app/target/lib /opt/driftwatch/lib
USER driftwatch
WORKDIR /var/lib/driftwatch
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/opt/driftwatch/driftwatch.jar"]
CMD ["--help"]
