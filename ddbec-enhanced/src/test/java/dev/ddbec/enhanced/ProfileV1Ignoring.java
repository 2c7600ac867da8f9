package dev.ddbec.enhanced;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** The older data model, without {@code email}. */
@DynamoDbBean
public class ProfileV1Ignoring extends ProfileBase {}
