package io.liquidstream.connectors.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading metric names out of PromQL, as the dashboard test needs it. */
class PromqlNamesTest {

    @Test
    void givenAnAggregatedRate_onlyTheSeriesNameIsAMetric() {
        assertThat(PromqlNames.of("sum by (modality) (rate(liquidstream_events_in_total{job=\"x\"}[$__rate_interval]))"))
                .containsExactly("liquidstream_events_in_total");
    }

    @Test
    void givenAQuantileOfABucketRateWithATrailingGrouping_labelNamesAndNumbersAreNotMetrics() {
        assertThat(PromqlNames.of("histogram_quantile(0.99, sum(rate(a_bucket[5m])) by (le, instance)) * 1e3"))
                .containsExactly("a_bucket");
    }

    @Test
    void givenBareSeriesInArithmeticAndSetOperators_eachSeriesIsAMetric() {
        assertThat(PromqlNames.of("a_total / on(instance) group_left(version) b_info or c offset 5m and bool d"))
                .containsExactly("a_total", "b_info", "c", "d");
    }
}
