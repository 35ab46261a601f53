package org.cellpath.localstack;

import java.util.Objects;

/**
 * What the three services share: the broker, the SMTP server, the topic prefix and the token issuer's keys.
 *
 * @param kafkaBootstrapServers the broker, such as {@code localhost:9092}
 * @param mailHost              the SMTP host
 * @param mailPort              the SMTP port
 * @param topicPrefix           put in front of every topic name; empty for local-stack, unique per
 *                              run in tests
 * @param jwkSetUri             the JWK set the services check bearer tokens against
 */
public record ServiceConnections(String kafkaBootstrapServers, String mailHost, int mailPort, String topicPrefix,
        String jwkSetUri) {

    public ServiceConnections {
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(mailHost, "mailHost");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(jwkSetUri, "jwkSetUri");
    }
}
