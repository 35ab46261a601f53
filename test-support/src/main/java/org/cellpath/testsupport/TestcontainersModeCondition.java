package org.cellpath.testsupport;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when this JVM's tests run against Testcontainers. */
final class TestcontainersModeCondition implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    return TestInfrastructure.mode() == InfrastructureMode.TESTCONTAINERS;
  }
}
