package io.liquidstream.connectors.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** The files under the repository's {@code docker/} folder, parsed. */
final class DeployFiles {

    static final Path DIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent().resolve("docker");
    static final Path DASHBOARD = DIR.resolve("grafana/dashboards/liquidstream.json");

    private DeployFiles() {
    }

    static JsonNode yaml(String relative) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve(relative).toFile());
    }

    static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(DASHBOARD.toFile());
    }

    /** Every PromQL expression of the dashboard's panels, with the panel title for messages. */
    static List<Map.Entry<String, String>> dashboardExpressions() throws IOException {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                out.add(Map.entry(panel.path("title").asText(), target.path("expr").asText()));
            }
        }
        return out;
    }

    static Map<String, Object> properties(String relative) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(DIR.resolve(relative))) {
            p.load(r);
        }
        Map<String, Object> out = new HashMap<>();
        p.forEach((k, v) -> out.put(k.toString(), v));
        return out;
    }
}
