package org.cellpath.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code cellpath.security.api-docs}: who reads the API description ({@code
 * /v3/api-docs}) and Swagger UI.
 *
 * @param open true to let anyone read them, as the {@code local} profile does for development;
 *     false (the default) to keep them for {@code ADMIN}, so that a deployment does not hand every
 *     visitor a map of its API
 */
@ConfigurationProperties("cellpath.security.api-docs")
public record ApiDocsProperties(boolean open) {}
