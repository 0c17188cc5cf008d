package io.aerosink.connect.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.aerosink.connect.tools.ProducerOptions;
import io.aerosink.connect.tools.SensorProducer;

/**
 * No Docker engine runs where the tests do, so this checks what the README promises of docker/compose.yml:
 * it parses, has the services, and wires the built plugin, configs and Aerospike namespace together.
 */
class DockerComposeTest {

    private static final Path DOCKER = Path.of("docker");
    private static Map<String, Object> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        try (Reader reader = Files.newBufferedReader(DOCKER.resolve("compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Object>) compose.get("services");
        }
    }

    @Test
    void hasTheServicesTheReadmeDescribes() {
        assertTrue(services.keySet().containsAll(List.of("kafka", "schema-registry", "connect", "aerospike",
                "register", "producer", "producer-npy", "producer-json", "producer-avro", "prometheus", "grafana",
                "tools")),
                services.keySet().toString());
    }

    @Test
    void connectRunsTheExporterAgentWithTheRepositoryRulesOnThePortPrometheusScrapes() throws IOException {
        String agent = mountTarget("connect", "../target/jmx-exporter/jmx_prometheus_javaagent.jar");
        String rules = mountTarget("connect", "../config/jmx-exporter.yml");
        String port = "9404";
        String options = (String) env("connect").get("KAFKA_OPTS");
        assertTrue(List.of(options.split(" ")).contains("-javaagent:" + agent + "=" + port + ":" + rules), options);
        assertTrue(strings(service("connect").get("ports")).contains(port + ":" + port));

        assertEquals("/etc/prometheus/prometheus.yml", mountTarget("prometheus", "./prometheus.yml"));
        Map<String, Object> scrape = single(yaml(DOCKER.resolve("prometheus.yml")).get("scrape_configs"));
        assertEquals("/metrics", scrape.get("metrics_path"));
        Map<String, Object> targets = single(scrape.get("static_configs"));
        assertEquals(List.of("connect:" + port), targets.get("targets"));
    }

    /** The worker digests keys many at a time, which its JVM does only with the Vector API's module. */
    @Test
    void connectRunsWithTheVectorApi() {
        String options = (String) env("connect").get("KAFKA_OPTS");
        assertTrue(List.of(options.split(" ")).contains("--add-modules=jdk.incubator.vector"), options);
    }

    @Test
    void grafanaProvisionsThePrometheusOfThisFileAndTheRepositoryDashboard() throws IOException {
        String provisioning = mountTarget("grafana", "./grafana/provisioning");
        assertEquals("/etc/grafana/provisioning", provisioning);
        Path source = DOCKER.resolve("grafana/provisioning");

        Map<String, Object> datasource = single(yaml(source.resolve("datasources/prometheus.yml")).get("datasources"));
        assertEquals("prometheus", datasource.get("type"));
        assertTrue(strings(service("prometheus").get("ports")).contains("9090:9090"));
        assertEquals("http://prometheus:9090", datasource.get("url"));

        Map<String, Object> provider = single(yaml(source.resolve("dashboards/aerosink.yml")).get("providers"));
        String dashboards = mountTarget("grafana", "./grafana/dashboards");
        assertEquals(dashboards, ((Map<?, ?>) provider.get("options")).get("path"));
        assertEquals(dashboards + "/aerosink.json", env("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));

        // JSON is YAML: every panel and query reads the provisioned data source by its uid.
        String dashboard = Files.readString(DOCKER.resolve("grafana/dashboards/aerosink.json"));
        Map<String, Object> json = new Yaml().load(dashboard);
        List<Map<String, Object>> panels = maps(json.get("panels"));
        assertTrue(panels.size() >= 6, "panels: " + panels.size());
        Map<String, Object> uid = Map.of("type", "prometheus", "uid", datasource.get("uid"));
        for (Map<String, Object> panel : panels) {
            assertEquals(uid, panel.get("datasource"), panel.get("title").toString());
            for (Map<String, Object> target : maps(panel.get("targets"))) {
                assertEquals(uid, target.get("datasource"), panel.get("title").toString());
            }
        }
        assertTrue(strings(service("grafana").get("ports")).contains("3030:3000"), "README names port 3030");
    }

    @Test
    void connectLoadsTheBuiltPluginFromItsPluginPath() {
        String target = mountTarget("connect", "../target/plugins");
        String pluginPath = env("connect").get("CONNECT_PLUGIN_PATH").toString();
        assertTrue(List.of(pluginPath.split(",")).contains(target), pluginPath);
    }

    @Test
    void aerospikeRunsTheMountedConfigWithTheSensorsNamespace() throws IOException {
        String target = mountTarget("aerospike", "./aerospike.conf");
        assertEquals(List.of("--config-file", target), service("aerospike").get("command"));
        assertTrue(Files.readString(DOCKER.resolve("aerospike.conf")).contains("namespace sensors {"));
    }

    @Test
    void registrationUsesTheRepositoryConfigsWithInNetworkHosts() {
        Map<String, Object> env = env("register");
        assertEquals(mountTarget("register", "../config"), env.get("CONFIG_DIR"));
        assertEquals("aerospike:3000", env.get("AEROSPIKE_HOSTS"));
        assertEquals("http://schema-registry:8081", env.get("SCHEMA_REGISTRY_URL"));
        String script = mountTarget("register", "./register-connectors.sh");
        assertEquals(List.of("bash", script), service("register").get("entrypoint"));
    }

    @Test
    void producersRunTheToolAgainstTheInternalListener() {
        String advertised = env("kafka").get("KAFKA_ADVERTISED_LISTENERS").toString();
        assertTrue(advertised.contains("INTERNAL://kafka:29092"), advertised);
        for (String name : List.of("producer", "producer-npy", "producer-json", "producer-avro")) {
            String entrypoint = String.join(" ", strings(service(name).get("entrypoint")));
            assertTrue(entrypoint.contains(SensorProducer.class.getName()), entrypoint);
            assertTrue(entrypoint.contains("--bootstrap-servers kafka:29092"), entrypoint);
            mountTarget(name, "../target/plugins");
        }
        assertEquals("sensors", argument("producer", "--topic"));
        assertEquals("sensors_npy", argument("producer-npy", "--topic"));
        assertEquals("sensors_json", argument("producer-json", "--topic"));
        assertEquals("sensors_avro", argument("producer-avro", "--topic"));
    }

    /** The register service creates every example connector; each must get rows, in the format it reads. */
    @Test
    void everyRegisteredConnectorHasAProducerOfItsFormatOnItsTopic() throws IOException {
        try (DirectoryStream<Path> configs = Files.newDirectoryStream(Path.of("config"), "aerospike-sink-*.json")) {
            for (Path file : configs) {
                JsonNode config = new ObjectMapper().readTree(file.toFile()).get("config");
                String topic = config.get("topics").asText();
                List<String> producers = services.keySet().stream()
                        .filter(name -> name.startsWith("producer") && topic.equals(argument(name, "--topic")))
                        .toList();
                assertEquals(1, producers.size(), file + ": producers of topic " + topic + ": " + producers);
                List<String> command = strings(service(producers.get(0)).get("command"));
                ProducerOptions.parse(command.toArray(String[]::new));
                assertEquals(producedMode(config), argument(producers.get(0), "--mode"), file.toString());
            }
        }
    }

    /** The producer mode that writes what a connector config reads. */
    private static String producedMode(JsonNode config) {
        String format = config.get("value.format").asText();
        if (!format.equals("auto")) {
            return format;
        }
        String converter = config.get("value.converter").asText();
        return converter.endsWith(".JsonConverter") ? "json" : converter.endsWith(".AvroConverter") ? "avro" : converter;
    }

    @Test
    void everyMountedSourceExceptBuildOutputIsInTheRepository() {
        for (String name : services.keySet()) {
            for (String volume : strings(service(name).getOrDefault("volumes", List.of()))) {
                String source = volume.split(":")[0];
                if (!source.startsWith("../target/")) {
                    assertTrue(Files.exists(DOCKER.resolve(source)), name + " mounts missing " + source);
                }
            }
        }
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml().load(reader);
        }
    }

    /** The one element of a YAML list of maps. */
    private static Map<String, Object> single(Object list) {
        List<Map<String, Object>> maps = maps(list);
        assertEquals(1, maps.size(), maps.toString());
        return maps.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Object list) {
        return (List<Map<String, Object>>) list;
    }

    private static String argument(String service, String flag) {
        List<String> command = strings(service(service).get("command"));
        return command.get(command.indexOf(flag) + 1);
    }

    /** The container path a service mounts {@code source} on, failing if it does not. */
    private static String mountTarget(String service, String source) {
        for (String volume : strings(service(service).getOrDefault("volumes", List.of()))) {
            String[] parts = volume.split(":");
            if (parts[0].equals(source)) {
                return parts[1];
            }
        }
        throw new AssertionError(service + " does not mount " + source);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Map<String, Object> service = (Map<String, Object>) services.get(name);
        assertTrue(service != null, "no service " + name);
        return service;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(String name) {
        return (Map<String, Object>) service(name).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
