package dev.ddbec.core.client;

import dev.ddbec.api.AttributeActions;
import dev.ddbec.api.InvalidConfigurationException;
import dev.ddbec.api.ItemIntegrityException;
import dev.ddbec.api.spi.FormatNames;
import dev.ddbec.core.client.internal.SyncRunner;
import dev.ddbec.core.client.internal.TableResolver;
import dev.ddbec.core.client.internal.TableState;
import dev.ddbec.core.internal.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Verifies and decrypts the item images of DynamoDB Streams records (SDK v2 {@link Record} and
 * {@link StreamRecord}, as {@code DynamoDbStreamsClient.getRecords} returns them) of one table
 * whose items are protected by the DynamoDB Encryption Client format.
 *
 * <pre>{@code
 * StreamRecordDecryptor decryptor = StreamRecordDecryptor.builder()
 *     .tableName("Books")
 *     .materialsProvider(materialsProvider)
 *     .attributeActions(actions)                    // the same actions the writers use
 *     .keySchema(TableKeySchema.of("isbn", null))   // or .describeWith(dynamoDbClient)
 *     .build();
 * for (Record record : streams.getRecords(r -> r.shardIterator(iterator)).records()) {
 *   Record plain = decryptor.decryptRecord(record);
 *   Map<String, AttributeValue> newItem = plain.dynamodb().newImage();
 * }
 * }</pre>
 *
 * <p>Stream records carry items as stored. The new and old images (present with the stream view
 * types NEW_IMAGE, OLD_IMAGE and NEW_AND_OLD_IMAGES) are verified and decrypted exactly as {@link
 * EncryptedDynamoDbClient} reads items: with the table's name bound into the signature, the primary
 * keys protected, and the {@link PlaintextPolicy} applied to images without ddbec attributes. The
 * record's keys are plaintext and are returned as they are. A record is returned whole or not at
 * all: if either image fails verification, {@link ItemIntegrityException} is thrown.
 *
 * <p>An image written by an UpdateItem of DO_NOTHING attributes still verifies (those attributes
 * are outside the signature). Images of unprotected tables (all actions DO_NOTHING) pass through.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class StreamRecordDecryptor {
  private final String tableName;
  private final String tableNameOrArn;
  private final TableResolver resolver;
  private final DynamoDbClient describeClient;

  private StreamRecordDecryptor(Builder b, TableResolver resolver) {
    this.tableNameOrArn = b.tableName;
    this.tableName = TableNames.fromNameOrArn(b.tableName);
    this.resolver = resolver;
    this.describeClient = b.describeClient;
  }

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The table whose records this decryptor reads.
   *
   * @return the table name (the name in it, if the builder was given the table's ARN)
   */
  public String tableName() {
    return tableName;
  }

  /**
   * A record with its images verified and decrypted.
   *
   * @param record a record of this table's stream
   * @return a new record; the same record when it carries no image
   * @throws ItemIntegrityException if an image fails verification
   */
  public Record decryptRecord(Record record) {
    Objects.requireNonNull(record, "record");
    if (record.dynamodb() == null) {
      return record;
    }
    StreamRecord plain = decryptStreamRecord(record.dynamodb());
    return plain == record.dynamodb() ? record : record.toBuilder().dynamodb(plain).build();
  }

  /**
   * Several records, each verified and decrypted; the first failure fails the whole list.
   *
   * @param records records of this table's stream, e.g. a {@code GetRecords} page
   * @return new records, in the same order
   * @throws ItemIntegrityException if an image fails verification
   */
  public List<Record> decryptRecords(List<Record> records) {
    List<Record> out = new ArrayList<>(records.size());
    for (Record record : records) {
      out.add(decryptRecord(record));
    }
    return out;
  }

  /**
   * A stream record with its images verified and decrypted.
   *
   * @param record the {@code dynamodb} part of a stream record
   * @return a new stream record; the same one when it carries no image
   * @throws ItemIntegrityException if an image fails verification
   */
  public StreamRecord decryptStreamRecord(StreamRecord record) {
    Objects.requireNonNull(record, "record");
    if (!record.hasNewImage() && !record.hasOldImage()) {
      return record;
    }
    TableState table = resolver.resolve(Set.of(tableNameOrArn), this::describe).get(tableNameOrArn);
    if (!table.isProtected()) {
      return record;
    }
    StreamRecord.Builder b = record.toBuilder();
    if (record.hasNewImage()) {
      b.newImage(table.decrypt(record.newImage()));
    }
    if (record.hasOldImage()) {
      b.oldImage(table.decrypt(record.oldImage()));
    }
    return b.build();
  }

  private TableKeySchema describe(String table) {
    if (describeClient == null) {
      throw new InvalidConfigurationException(
          "StreamRecordDecryptor for table "
              + table
              + " needs the table's key schema: set keySchema(...) or describeWith(client)");
    }
    return SyncRunner.describe(describeClient, table);
  }

  @Override
  public String toString() {
    return "StreamRecordDecryptor{tableName=" + tableName + '}';
  }

  /**
   * Builder for {@link StreamRecordDecryptor}: the table, and the settings of {@link
   * ProtectionSettings.Builder}. Not thread-safe.
   */
  public static final class Builder extends ProtectionSettings.Builder<Builder> {
    private String tableName;
    private TableKeySchema keySchema;
    private String contextTableName;
    private DynamoDbClient describeClient;

    private Builder() {}

    /**
     * Sets the table whose stream is read. Required.
     *
     * @param tableName the table name, or the table's ARN ({@code
     *     arn:<partition>:dynamodb:<region>:<account>:table/<name>}): the name in it is bound into
     *     signatures, and {@code DescribeTable} is sent with the ARN
     * @return this builder
     */
    public Builder tableName(String tableName) {
      this.tableName = Objects.requireNonNull(tableName, "tableName");
      return this;
    }

    /**
     * Sets the attribute actions the table's writers use; default every attribute ENCRYPT_AND_SIGN.
     * Keys are protected as by the helper clients.
     *
     * @param actions the actions
     * @return this builder
     */
    public Builder attributeActions(AttributeActions actions) {
      return setAttributeActions(actions);
    }

    /**
     * Sets the table's key schema. Either this or {@link #describeWith(DynamoDbClient)} is needed.
     *
     * @param schema the key schema
     * @return this builder
     */
    public Builder keySchema(TableKeySchema schema) {
      this.keySchema = Objects.requireNonNull(schema, "schema");
      return this;
    }

    /**
     * Reads the key schema with {@code DescribeTable} through this client, once, on first use.
     *
     * @param client a (plain or encrypted) DynamoDB client; not closed by the decryptor
     * @return this builder
     */
    public Builder describeWith(DynamoDbClient client) {
      this.describeClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Sets the table name bound into signatures, if the writers used another one (see {@link
     * TableConfig.Builder#contextTableName(String)}).
     *
     * @param name the table name for the encryption context
     * @return this builder
     */
    public Builder contextTableName(String name) {
      this.contextTableName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Sets the names of the two attributes the table's writers add and their description base, if
     * they are not the defaults (see {@link
     * ProtectionSettings.ClientBuilder#formatNames(FormatNames)}).
     *
     * @param names the names
     * @return this builder
     */
    public Builder formatNames(FormatNames names) {
      return setFormatNames(names);
    }

    /**
     * Builds the decryptor.
     *
     * @return the decryptor
     * @throws InvalidConfigurationException if the table or provider is missing, the table name is
     *     a malformed ARN, or the key schema conflicts with the actions
     */
    public StreamRecordDecryptor build() {
      if (tableName == null) {
        throw new InvalidConfigurationException("StreamRecordDecryptor needs a table name");
      }
      ProtectionSettings settings = buildSettings("StreamRecordDecryptor");
      TableConfig.Builder config =
          TableConfig.builder(tableName)
              .attributeActions(settings.attributeActions())
              .plaintextPolicy(settings.plaintextPolicy());
      if (keySchema != null) {
        config.keySchema(keySchema);
      }
      if (contextTableName != null) {
        config.contextTableName(contextTableName);
      }
      ProtectionSettings resolved = settings.withTableConfig(config.build());
      TableResolver resolver = TableResolver.create(resolved);
      LoggerFactory.getLogger(StreamRecordDecryptor.class)
          .info("ddbec StreamRecordDecryptor built: {}", resolved);
      return new StreamRecordDecryptor(this, resolver);
    }
  }
}
