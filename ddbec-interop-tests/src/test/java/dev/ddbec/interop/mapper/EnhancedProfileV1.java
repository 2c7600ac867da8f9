package dev.ddbec.interop.mapper;

import dev.ddbec.enhanced.DdbecHandleUnknownAttributes;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/** The Enhanced Client's older profile, without email, handling unknown attributes. */
@DynamoDbBean
@DdbecHandleUnknownAttributes
public class EnhancedProfileV1 extends ProfileFields {}
