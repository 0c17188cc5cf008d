package io.aerosink.connect.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One scrape of a Prometheus text-format (0.0.4) endpoint: its samples and the declared type of each series name. */
final class PrometheusScrape {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][\\w:]*)(?:\\{(.*)})?\\s+(\\S+)(?:\\s+\\d+)?");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final List<Sample> samples;
    private final Map<String, String> types;
    private final String text;

    private PrometheusScrape(List<Sample> samples, Map<String, String> types, String text) {
        this.samples = samples;
        this.types = types;
        this.text = text;
    }

    /** Null when the endpoint does not answer 200 (yet). */
    static PrometheusScrape fetch(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? parse(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted scraping " + url, e);
        }
    }

    static PrometheusScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher matcher = SAMPLE.matcher(line);
                if (!matcher.matches()) {
                    throw new IllegalArgumentException("not a sample line: " + line);
                }
                samples.add(new Sample(matcher.group(1), labels(matcher.group(2)), Double.parseDouble(matcher.group(3))));
            }
        }
        return new PrometheusScrape(samples, types, text);
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text != null) {
            Matcher matcher = LABEL.matcher(text);
            while (matcher.find()) {
                labels.put(matcher.group(1), matcher.group(2));
            }
        }
        return labels;
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The value of the one sample of {@code name} whose labels are exactly {@code labels}, if there is one. */
    OptionalDouble value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .mapToDouble(Sample::value).findFirst();
    }

    List<Sample> samples(String namePrefix) {
        return samples.stream().filter(s -> s.name().startsWith(namePrefix)).toList();
    }

    /** The {@code # TYPE} of a series name (counter, gauge, ...), or null. */
    String type(String name) {
        return types.get(name);
    }

    String text() {
        return text;
    }
}
