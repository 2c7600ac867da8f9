package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsExampleTest {
  @Test
  void run_twoOrdersOneTampered_scrapeCountsThem() {
    String table = LocalAws.table("metrics-orders", "order_id");

    String scrape = MetricsExample.run(LocalAws.dynamoDb(), LocalAws.wrappedKeys(), table);

    String tags = "operation=\"encrypt\",table=\"" + table + "\"";
    assertThat(scrape)
        .contains("# TYPE ddbec_items_seconds summary")
        .contains("ddbec_items_seconds_count{" + tags + "} 2")
        .contains("ddbec_items_seconds_count{operation=\"decrypt\",table=\"" + table + "\"} 2")
        .contains(
            "ddbec_verification_failures_total{reason=\"signature_mismatch\",table=\""
                + table
                + "\"} 1");
    // Tags and values only: nothing of the orders themselves.
    assertThat(scrape)
        .doesNotContain("Ada Lovelace")
        .doesNotContain("4242")
        .doesNotContain("o-4001")
        .doesNotContain("129.95");
  }
}
