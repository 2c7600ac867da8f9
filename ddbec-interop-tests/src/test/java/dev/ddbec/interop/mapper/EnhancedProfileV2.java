package dev.ddbec.interop.mapper;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * The Enhanced Client's newer profile: the same attributes as {@link MapperProfileV2} (adds email,
 * encrypted and signed), as an Enhanced Client bean.
 */
@DynamoDbBean
public class EnhancedProfileV2 extends MapperProfileV2 {}
