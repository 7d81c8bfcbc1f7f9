package org.syncnet.it;

import java.util.LinkedHashMap;
import java.util.Map;

/** A scrape of a Prometheus endpoint as the tests read it: each series (name and labels, as printed) to its value. */
final class PrometheusText {
    private PrometheusText() {
    }

    static Map<String, Double> series(String body) {
        Map<String, Double> series = new LinkedHashMap<>();
        for (String line : body.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (line.isBlank() || line.startsWith("#") || space < 0) {
                continue;
            }
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return series;
    }

    /** The sum of the series whose text starts with {@code prefix} (name and "{") and contains {@code label}. */
    static double sum(Map<String, Double> series, String prefix, String label) {
        return series.entrySet().stream().filter(e -> matches(e.getKey(), prefix, label))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** Whether a series starts with {@code prefix} and contains {@code label}, whatever its value. */
    static boolean has(Map<String, Double> series, String prefix, String label) {
        return series.keySet().stream().anyMatch(k -> matches(k, prefix, label));
    }

    private static boolean matches(String series, String prefix, String label) {
        return series.startsWith(prefix) && series.contains(label);
    }
}
