package dev.ddbec.enhanced;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** The older data model, without {@code email}; handles unknown attributes. */
@DynamoDbBean
@DdbecHandleUnknownAttributes
public class ProfileV1Handling extends ProfileBase {}
