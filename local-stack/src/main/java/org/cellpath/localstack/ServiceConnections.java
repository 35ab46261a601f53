package org.cellpath.localstack;

import java.util.Objects;
import org.cellpath.infra.DevTokenIssuer;

/**
 * What the three services share: the broker, the SMTP server, the topic prefix and the token
 * issuer: its keys and the issuer its tokens name.
 *
 * @param kafkaBootstrapServers the broker, such as {@code localhost:9092}
 * @param mailHost the SMTP host
 * @param mailPort the SMTP port
 * @param topicPrefix put in front of every topic name; empty for local-stack, unique per run in
 *     tests
 * @param jwkSetUri the JWK set the services check bearer tokens against
 * @param jwtIssuer the {@code iss} the services require of a token
 */
public record ServiceConnections(
    String kafkaBootstrapServers,
    String mailHost,
    int mailPort,
    String topicPrefix,
    String jwkSetUri,
    String jwtIssuer) {

  public ServiceConnections {
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    Objects.requireNonNull(mailHost, "mailHost");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(jwkSetUri, "jwkSetUri");
    Objects.requireNonNull(jwtIssuer, "jwtIssuer");
  }

  /**
   * Connections whose tokens come from the development issuer ({@link DevTokenIssuer#ISSUER}) with
   * these keys.
   */
  public ServiceConnections(
      String kafkaBootstrapServers,
      String mailHost,
      int mailPort,
      String topicPrefix,
      String jwkSetUri) {
    this(kafkaBootstrapServers, mailHost, mailPort, topicPrefix, jwkSetUri, DevTokenIssuer.ISSUER);
  }
}
