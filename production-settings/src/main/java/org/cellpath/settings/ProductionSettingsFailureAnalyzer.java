package org.cellpath.settings;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused start into Spring Boot's "APPLICATION FAILED TO START" report: what is wrong, and
 * what to do.
 */
class ProductionSettingsFailureAnalyzer
    extends AbstractFailureAnalyzer<ProductionSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ProductionSettingsException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Give each setting above the deployment's own value: a secret of its own, the identity provider's issuer "
            + "and key set. For docker compose, scripts/generate-env.sh writes random secrets into .env. See "
            + "docs/configuration.md, \"Production settings\". On a developer's machine, run with the local profile "
            + "(SPRING_PROFILES_ACTIVE=local), as ./local-stack.sh and the tests do.",
        cause);
  }
}
