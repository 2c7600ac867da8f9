package dev.ddbec.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
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
    // Tags and values only: nothing of the orders themselves. Numeric order values are looked for
    // in names, tags and comments, not in the samples (a latency may contain "4242" by chance).
    String withoutSamples =
        scrape
            .lines()
            .map(
                l ->
                    l.startsWith("#") || l.lastIndexOf(' ') < 0
                        ? l
                        : l.substring(0, l.lastIndexOf(' ')))
            .collect(Collectors.joining("\n"));
    assertThat(scrape).doesNotContain("Ada Lovelace").doesNotContain("o-4001");
    assertThat(withoutSamples).doesNotContain("4242").doesNotContain("129.95");
  }
}
