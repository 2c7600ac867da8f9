package dev.ddbec.enhanced;

import dev.ddbec.api.CryptoAction;
import java.util.HashMap;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.mapper.ImmutableAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * A record mapped with a static (immutable) table schema and ddbec tags: signed by default, {@code
 * title} encrypted, {@code note} untouched.
 */
public record StaticBook(String isbn, String title, String genre, String note) {
  static final StaticImmutableTableSchema<StaticBook, Values> SCHEMA = schema();

  /** A new schema instance (each is a distinct schema to the extension's cache). */
  static StaticImmutableTableSchema<StaticBook, Values> schema() {
    return StaticImmutableTableSchema.builder(StaticBook.class, Values.class)
        .newItemBuilder(Values::new, Values::book)
        .tags(DdbecTags.defaultAction(CryptoAction.SIGN_ONLY))
        .addAttribute(
            attribute("isbn", StaticBook::isbn, StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(attribute("title", StaticBook::title, DdbecTags.encryptAndSign()))
        .addAttribute(attribute("genre", StaticBook::genre))
        .addAttribute(attribute("note", StaticBook::note, DdbecTags.doNothing()))
        .build();
  }

  private static ImmutableAttribute<StaticBook, Values, String> attribute(
      String name, Function<StaticBook, String> getter, StaticAttributeTag... tags) {
    return ImmutableAttribute.builder(StaticBook.class, Values.class, String.class)
        .name(name)
        .getter(getter)
        .setter((values, value) -> values.put(name, value))
        .tags(tags)
        .build();
  }

  /** The schema's item builder: the attribute values read so far, by name. */
  static final class Values extends HashMap<String, String> {
    StaticBook book() {
      return new StaticBook(get("isbn"), get("title"), get("genre"), get("note"));
    }
  }
}
