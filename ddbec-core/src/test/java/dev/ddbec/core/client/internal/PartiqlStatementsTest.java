package dev.ddbec.core.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PartiqlStatementsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "SELECT * FROM \"Books\" WHERE isbn = ?|Books",
        "select a, b from Books|Books",
        "SELECT * FROM \"Books\".\"byAuthor\" WHERE author = ?|Books",
        "SELECT \"from\" FROM \"My \"\"quoted\"\" table\"|My \"quoted\" table",
        "SELECT * FROM Books WHERE title = 'FROM Secrets'|Books",
        "INSERT INTO \"Books\" VALUE {'isbn': ?, 'title': ?}|Books",
        "UPDATE \"Books\" SET title = ? WHERE isbn = ?|Books",
        "DELETE FROM Books WHERE isbn = ?|Books",
        "EXISTS(SELECT * FROM \"Books\" WHERE isbn = ?)|Books",
        "SELECT * FROM `{a:1}`|",
      })
  void tableName_statement_returnsTable(String statement, String expected) {
    assertThat(PartiqlStatements.tableName(statement).orElse(null)).isEqualTo(expected);
  }

  @Test
  void tableName_comments_skipped() {
    assertThat(PartiqlStatements.tableName("-- FROM Other\nSELECT * FROM Books")).contains("Books");
    assertThat(PartiqlStatements.tableName("/* FROM Other */ SELECT * FROM Books"))
        .contains("Books");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "SELECT *",
        "INSERT \"Books\" VALUE {}",
        "DELETE Books",
        "MERGE INTO Books",
        "SELECT * FROM 'Books'",
        "SELECT * FROM \"Books",
        "SELECT * FROM Books WHERE a = 'unterminated",
        "/* unterminated SELECT * FROM Books"
      })
  void tableName_unknownShape_returnsEmpty(String statement) {
    assertThat(PartiqlStatements.tableName(statement)).isEmpty();
  }
}
