package dev.ddbec.interop.mapper;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;

/**
 * The same book for the SDK v2 Enhanced Client with ddbec's extension: {@link MapperBook}'s
 * accessors, whose Enhanced Client and ddbec annotations ({@code @DdbecSignOnly} where the mapper
 * has {@code @DoNotEncrypt}, {@code @DdbecDoNothing} for {@code @DoNotTouch}) this client reads.
 */
@DynamoDbBean
public class EnhancedBook extends MapperBook {}
