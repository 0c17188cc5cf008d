package io.aerosink.connect.it;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression selects, for checking a dashboard against what an exporter really emits. Not a
 * parser: enough of PromQL's lexical rules for dashboard queries. Label matchers, strings, ranges and Grafana's
 * {@code $variables} are removed, with the label lists of {@code by (...)}, {@code without (...)}, {@code on (...)},
 * {@code ignoring (...)} and {@code group_left/right (...)}; what is left is a metric name unless a {@code (} follows
 * it (a function) or it is a keyword or an aggregation operator.
 */
final class PromQlMetricNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][\\w:]*)(\\s*\\()?");
    private static final Pattern LABEL_VALUES = Pattern.compile("\\s*label_values\\((?:(.*),)?\\s*\\w+\\s*\\)\\s*");
    private static final Set<String> KEYWORDS = Set.of("sum", "min", "max", "avg", "count", "stddev", "stdvar",
            "topk", "bottomk", "quantile", "count_values", "group", "limitk", "limit_ratio", "by", "without", "on",
            "ignoring", "group_left", "group_right", "bool", "offset", "and", "or", "unless", "atan2", "inf", "nan");

    private PromQlMetricNames() {
    }

    static Set<String> of(String expression) {
        String rest = STRING.matcher(expression).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = LABEL_LIST.matcher(rest).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(rest);
        while (matcher.find()) {
            String word = matcher.group(1);
            if (matcher.group(2) == null && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Grafana's {@code label_values(metric, label)} variable query names one metric; {@code label_values(label)} none. */
    static Set<String> ofVariableQuery(String query) {
        Matcher matcher = LABEL_VALUES.matcher(query);
        if (!matcher.matches()) {
            return of(query);
        }
        return matcher.group(1) == null ? Set.of() : of(matcher.group(1));
    }
}
