package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

class PromQlMetricNamesTest {

    @Test
    void aggregationsFunctionsAndLabelListsAreNotMetrics() {
        assertEquals(Set.of("aerosink_records_written_total"), PromQlMetricNames.of(
                "sum by (connector, topic) (rate(aerosink_records_written_total{connector=~\"$connector\", "
                        + "topic!=\"\"}[$__rate_interval]))"));
    }

    @Test
    void bothSidesOfABinaryOperationAreNamed() {
        assertEquals(Set.of("aerosink_records_buffered", "aerosink_records_buffered_max"), PromQlMetricNames.of(
                "aerosink_records_buffered{connector=~\"$connector\"} / on (connector, task) group_left () "
                        + "aerosink_records_buffered_max"));
    }

    @Test
    void stringsKeywordsAndNumbersAreNotMetrics() {
        assertEquals(Set.of("up", "a:recorded_rule"), PromQlMetricNames.of(
                "label_replace(up, \"dst\", \"x_total\", \"src\", \"(.*)\") > bool 0.5 or a:recorded_rule offset 5m"));
    }

    @Test
    void aVariableQueryNamesItsMetricButNotItsLabel() {
        assertEquals(Set.of("aerosink_outage"),
                PromQlMetricNames.ofVariableQuery("label_values(aerosink_outage{job=\"connect\"}, connector)"));
        assertEquals(Set.of(), PromQlMetricNames.ofVariableQuery("label_values(connector)"));
    }
}
