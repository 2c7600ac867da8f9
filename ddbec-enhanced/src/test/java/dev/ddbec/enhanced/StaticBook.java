package dev.ddbec.enhanced;

import dev.ddbec.api.CryptoAction;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A plain class mapped with a static table schema and ddbec tags. */
public final class StaticBook {
  private String isbn;
  private String title;
  private String genre;
  private String note;

  static final StaticTableSchema<StaticBook> SCHEMA = schema();

  /** A new schema instance (each is a distinct schema to the extension's cache). */
  static StaticTableSchema<StaticBook> schema() {
    return StaticTableSchema.builder(StaticBook.class)
        .newItemSupplier(StaticBook::new)
        .tags(DdbecTags.defaultAction(CryptoAction.SIGN_ONLY))
        .addAttribute(
            String.class,
            a ->
                a.name("isbn")
                    .getter(StaticBook::isbn)
                    .setter(StaticBook::isbn)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
        .addAttribute(
            String.class,
            a ->
                a.name("title")
                    .getter(StaticBook::title)
                    .setter(StaticBook::title)
                    .tags(DdbecTags.encryptAndSign()))
        .addAttribute(
            String.class, a -> a.name("genre").getter(StaticBook::genre).setter(StaticBook::genre))
        .addAttribute(
            String.class,
            a ->
                a.name("note")
                    .getter(StaticBook::note)
                    .setter(StaticBook::note)
                    .tags(DdbecTags.doNothing()))
        .build();
  }

  static StaticBook of(String isbn, String title, String genre, String note) {
    StaticBook b = new StaticBook();
    b.isbn = isbn;
    b.title = title;
    b.genre = genre;
    b.note = note;
    return b;
  }

  String isbn() {
    return isbn;
  }

  void isbn(String v) {
    isbn = v;
  }

  String title() {
    return title;
  }

  void title(String v) {
    title = v;
  }

  String genre() {
    return genre;
  }

  void genre(String v) {
    genre = v;
  }

  String note() {
    return note;
  }

  void note(String v) {
    note = v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StaticBook b
        && Objects.equals(isbn, b.isbn)
        && Objects.equals(title, b.title)
        && Objects.equals(genre, b.genre)
        && Objects.equals(note, b.note);
  }

  @Override
  public int hashCode() {
    return Objects.hash(isbn, title);
  }
}
