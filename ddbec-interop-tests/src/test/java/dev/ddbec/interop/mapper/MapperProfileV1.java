package dev.ddbec.interop.mapper;

import com.amazonaws.services.dynamodbv2.datamodeling.DynamoDBTable;
import com.amazonaws.services.dynamodbv2.datamodeling.encryption.HandleUnknownAttributes;

/** The official mapper's older profile, without email, handling unknown attributes. */
@DynamoDBTable(tableName = "replaced-per-test")
@HandleUnknownAttributes
public class MapperProfileV1 extends ProfileFields {}
