package org.cellpath.web;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * A value binds to a field only when it has the JSON type the field declares. Jackson's defaults
 * would take a number for an enum as the constant's position ({@code "condition": 2} is the third
 * condition), cut a fraction to a whole number ({@code 3.9} is {@code 3}), read {@code "true"} or
 * {@code 1} as yes, {@code "45"} as a number, and a number or yes/no as text. Each of these now
 * fails as a wrong type, which {@link ProblemDetailsAdvice} answers with a 400 naming the field. A
 * whole number where a decimal is expected is still a number, and still accepted.
 *
 * <p>This shapes the application's {@code JsonMapper}: request bodies, and the documents a service
 * stores and reads back with it, which it wrote itself with these types. Events are read by {@code
 * EventJson}'s own mapper, which this leaves alone.
 */
final class StrictJsonTypes implements JsonMapperBuilderCustomizer {

  @Override
  public void customize(JsonMapper.Builder builder) {
    builder
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        // Text is not a scalar to Jackson, so the feature above does not stop a number or yes/no
        // becoming a string.
        .withCoercionConfig(
            LogicalType.Textual,
            text ->
                text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
  }
}
